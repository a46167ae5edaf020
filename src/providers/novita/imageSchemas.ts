import * as z from '../../core/zod';
import { zId, zMaybe } from '../../core/schema';

/**
 * GET /repository/auths (gpu-instance-list-container-registry-auth): `{data: [{id, name, username, password}]}`.
 * The password Novita sends back is not read: the schema keeps what GPU Pods shows.
 */
export const zRegistryAuthList = z.object({
  data: zMaybe(z.array(z.object({ id: zId, name: zMaybe(z.string()), username: zMaybe(z.string()) }))),
});

/** POST /job/save/image answers `{jobId}` (SDK SaveImage response; PPIO's copy of the page: `jobId`, required). */
export const zSaveImageJob = z.object({ jobId: zId });

/** GET /jobs (gpu-instance-list-jobs; SDK Job): what GPU Pods reads of a job. */
export const zJob = z.object({
  Id: zId,
  type: zMaybe(z.string()),
  state: zMaybe(z.object({ state: zMaybe(z.string()), error: zMaybe(z.string()), message: zMaybe(z.string()) })),
  instanceId: zMaybe(z.string()),
});
export type RawJob = z.infer<typeof zJob>;
export const zJobList = z.object({ jobs: zMaybe(z.array(zJob)) });
