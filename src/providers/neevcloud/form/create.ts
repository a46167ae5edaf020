import type { Answers, CreateContext } from '../../../core/createForm';
import { UnexpectedResponseError } from '../../../core/errors';
import type { Pod } from '../../../core/model';
import type { NeevCloudApi } from '../api';
import { mapRuntime } from '../mapping';
import { zRuntime } from '../schemas';
import type { NeevInventory } from './inventory';
import { request } from './request';
import { l10n } from '../../../core/l10n';

export interface RuntimeLookup {
  getPod(id: string): Promise<Pod | undefined>;
  findPodsByName(name: string): Promise<Pod[]>;
}

/** Creates once; the answer is not documented, so the runtime is found by its id, or by its name as a last resort. */
export async function create(
  api: NeevCloudApi,
  inventory: NeevInventory,
  lookup: RuntimeLookup,
  answers: Answers,
  ctx: CreateContext,
): Promise<Pod> {
  api.scope();
  const { body } = request(answers, ctx, inventory.chosen(answers), true);
  const answer = await api.createRuntime(body, ctx.signal);
  const parsed = zRuntime.safeParse(answer);
  if (parsed.success) return mapRuntime(parsed.data);
  const id = (answer as { id?: unknown } | undefined)?.id;
  const pod =
    typeof id === 'string' || typeof id === 'number'
      ? await lookup.getPod(String(id))
      : (await lookup.findPodsByName(body.name))[0];
  if (pod) return pod;
  throw new UnexpectedResponseError(
    l10n.t('NeevCloud accepted the runtime but did not say which one it is; refresh the list to see it.'),
    JSON.stringify(answer ?? '').slice(0, 500),
  );
}
