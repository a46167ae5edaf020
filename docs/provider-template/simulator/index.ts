// → test/simulator/mycloud/index.ts, and one line in test/simulator/clouds.ts:
//     mycloud: { install: installMyCloud, baseUrls: { base: '/mycloud' } },
import type { Simulator } from '../server';
import { mycloudSpec } from './spec';

export function installMyCloud(sim: Simulator) {
  const pods = new Map<string, { id: string; name: string; status: string }>();
  sim.onReset(() => pods.clear());
  sim.useSpec(mycloudSpec);
  const authorised = (header: string | string[] | undefined) =>
    sim.isKeyValid(typeof header === 'string' ? header.replace(/^Bearer /, '') : undefined);
  sim
    .router('mycloud')
    .get('/pods', (req) =>
      authorised(req.headers.authorization)
        ? { body: { pods: [...pods.values()] } }
        : { status: 401, body: { message: 'invalid API key' } },
    );
  return {
    addPod(name: string, status = 'running'): string {
      const id = String(pods.size + 1);
      pods.set(id, { id, name, status });
      return id;
    },
  };
}
