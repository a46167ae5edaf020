import * as assert from 'node:assert/strict';
import { SshKeyNeedsAgentError, SshUnreachableError } from '../../../../src/core/ssh/client/errors';
import { readGpusOverPool, samplingTarget } from '../../../../src/core/ssh/pooledGpus';

const entry = {
  alias: 'gpupods-gpugeek-trainer',
  cloud: 'gpugeek' as const,
  podId: 'p-1',
  host: '203.0.113.7',
  port: 30022,
  user: 'root',
};
const target = samplingTarget(entry, { identityFile: '/h/.ssh/id_ed25519', knownHostsFile: '/h/.ssh/gpupods/kh' });
const failingWith = (e: Error) => ({ exec: async () => Promise.reject(e) });

describe('a utilisation sample over SSH that cannot be taken says why', () => {
  it('a key with a passphrase and no agent: "cannot log in", with what to do, not "cannot be reached"', async () => {
    const why = new SshKeyNeedsAgentError(
      'The key /h/.ssh/id_ed25519 has a passphrase, and GPU Pods cannot ask for it in the background. Add it to your SSH agent (ssh-add), or use a key without a passphrase.',
    );
    const sample = await readGpusOverPool(failingWith(why), target);
    assert.ok('unavailable' in sample);
    assert.match(sample.unavailable, /^GPU Pods cannot log in over SSH: .*passphrase.*ssh-add/);
  });

  it('a pod that does not answer reads "cannot be reached"', async () => {
    const sample = await readGpusOverPool(
      failingWith(new SshUnreachableError('Cannot reach 203.0.113.7:30022')),
      target,
    );
    assert.ok('unavailable' in sample);
    assert.match(sample.unavailable, /^the pod cannot be reached over SSH: Cannot reach/);
  });
});
