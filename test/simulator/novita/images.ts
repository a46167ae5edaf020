import type { CloudRouter } from '../server';
import type { SimJob } from './data';
import { bad, bodyOf, DELAYS, type NovitaState, page } from './state';

/** A job as GET /jobs lists it (gpu-instance-list-jobs; the SDK's Job schema). */
function jobJson(j: SimJob): Record<string, unknown> {
  return {
    Id: j.Id,
    user: 'sim-user',
    type: j.type,
    envs: [],
    state: { state: j.state, error: j.state === 'fail' ? 'SAVE_IMAGE_FAILED' : '', message: j.message },
    logAddress: '',
    createdAt: String(j.createdAt),
    instanceId: j.instanceId,
  };
}

/** Container registry auths and the save-image job, as Novita's reference describes them (spec.ts cites each). */
export function installImageRoutes(r: CloudRouter, s: NovitaState): void {
  // The reference example answers with each auth's password as stored: the simulator does the same, so the
  // tests prove GPU Pods never shows or logs it.
  r.get('/repository/auths', () => ({ body: { data: s.registryAuths.map((a) => ({ ...a })) } }));
  r.post('/repository/auth/save', (req) => {
    const b = bodyOf(req);
    for (const f of ['name', 'username', 'password'])
      if (typeof b[f] !== 'string' || b[f] === '' || (b[f] as string).length > 500)
        return bad('VALIDATOR_PARAM', `invalid parameter: ${f}`);
    s.registryAuths.push({
      id: s.nextId('ra-'),
      name: b.name as string,
      username: b.username as string,
      password: b.password as string,
    });
    return { body: {} }; // the reference's example answer
  });
  r.post('/repository/auth/delete', (req) => {
    const id = bodyOf(req).id;
    if (!s.registryAuths.some((a) => a.id === id))
      return bad('RESOURCE_NOT_FOUND', `registry auth ${String(id)} not found`);
    s.registryAuths = s.registryAuths.filter((a) => a.id !== id);
    return { body: {} };
  });

  r.post('/job/save/image', (req) => {
    const b = bodyOf(req);
    const inst = typeof b.instanceId === 'string' ? s.instances.get(b.instanceId) : undefined;
    if (!inst || inst.status === 'removed')
      return bad('RESOURCE_NOT_FOUND', `instance ${String(b.instanceId)} not found`);
    if (typeof b.image !== 'string' || b.image === '' || b.image.length > 4095)
      return bad('VALIDATOR_PARAM', 'invalid parameter: image');
    const authId = typeof b.registryAuthId === 'string' && b.registryAuthId !== '' ? b.registryAuthId : undefined;
    if (authId && !s.registryAuths.some((a) => a.id === authId))
      return bad('VALIDATOR_PARAM', `invalid parameter: registryAuthId ${authId} not found`);
    if (inst.status !== 'running' && inst.status !== 'exited')
      return bad('VALIDATOR_PARAM', `instance is ${inst.status}; cannot save an image`);
    const job: SimJob = {
      Id: s.nextId('job-'),
      type: 'saveImage',
      instanceId: inst.id,
      image: b.image,
      registryAuthId: authId,
      state: 'pulling',
      message: '',
      createdAt: Math.floor(Date.now() / 1000),
    };
    s.jobs.push(job);
    const failure = s.saveFailures.shift();
    s.later(DELAYS.work, () => (job.state = 'running'));
    s.later(DELAYS.work + DELAYS.pull, () => {
      job.state = failure ? 'fail' : 'success';
      job.message = failure ?? '';
    });
    return { body: { jobId: job.Id } };
  });
  r.get('/jobs', (req) => {
    const q = req.query;
    const items = s.jobs.filter(
      (j) =>
        (!q.get('jobId') || j.Id === q.get('jobId')) &&
        (!q.get('type') || j.type === q.get('type')) &&
        (!q.get('state') || j.state === q.get('state')),
    );
    return { body: { jobs: page(items, q, 'pageNum', s.pageCap).map(jobJson), total: items.length } };
  });
}
