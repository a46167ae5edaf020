// → test/unit/providers/mycloud.test.ts: the provider against its simulator, as `npm test` runs it (the
// spec-coverage hook fails the run when a request of ours is not in the cloud's spec). Assert what a user
// would notice; add a test per endpoint and per documented error.
import assert from 'node:assert/strict';
import { Semaphore } from '../../../src/core/concurrency';
import { AuthError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { createMyCloudProvider } from '../../../src/providers/mycloud';
import { installMyCloud } from '../../simulator/mycloud';
import { Simulator } from '../../simulator/server';

describe('My Cloud provider, against its simulator', () => {
  const sim = new Simulator();
  const control = installMyCloud(sim);
  let url = '';
  before(async () => (url = await sim.start()));
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  const provider = (apiKey = 'mk-test') =>
    createMyCloudProvider(
      { apiKey, baseUrls: { base: `${url}/mycloud` }, options: {} },
      { logger: silentLogger, limiter: new Semaphore(5) },
    );

  it('lists the pods in the tree with their names and states', async () => {
    control.addPod('trainer');
    control.addPod('notebook', 'stopped');
    assert.deepEqual(
      (await provider().listPods()).map((p) => [p.cloud, p.name, p.status]),
      [
        ['mycloud', 'trainer', 'running'],
        ['mycloud', 'notebook', 'stopped'],
      ],
    );
  });

  it('a refused key is an authentication error (the account shows "Invalid API key — click to update")', async () => {
    sim.revokedKeys.add('mk-revoked');
    await assert.rejects(provider('mk-revoked').listPods(), AuthError);
  });
});
