// A pod that shows a new host key: what the user sees and chooses, in plain Node through the workbench port.
import assert from 'node:assert/strict';
import { withHostKeyCheck } from '../../../src/commands/ssh/hostKeyChanged';
import { HostKeyChangedError } from '../../../src/core/ssh/client/errors';
import { fingerprint, type HostKey } from '../../../src/core/ssh/client/knownHosts';
import type { ConfirmOptions, UserInput } from '../../../src/ui/prompts';
import { fakeServices, recordingWorkbench } from './fakeServices';

function hostKey(seed: number): HostKey {
  const type = Buffer.from('ssh-ed25519');
  const blob = Buffer.concat([Buffer.alloc(4), type, Buffer.alloc(4), Buffer.alloc(32, seed)]);
  blob.writeUInt32BE(type.length, 0);
  blob.writeUInt32BE(32, 4 + type.length);
  return { type: 'ssh-ed25519', blob };
}

const OLD = hostKey(1);
const NEW = hostKey(2);
const changed = () => new HostKeyChangedError('root@203.0.113.7:30022', 'gpupods-novita-abc', [OLD], NEW);

function setup(o: { button?: string; confirmed: boolean }) {
  const workbench = recordingWorkbench();
  const warnings: Array<{ message: string; buttons: string[] }> = [];
  workbench.showWarning = async (message, ...buttons) => (warnings.push({ message, buttons }), o.button);
  const confirms: ConfirmOptions[] = [];
  const ui = {
    confirm: async (c: ConfirmOptions) => (confirms.push(c), o.confirmed),
  } as unknown as UserInput;
  const accepted: HostKeyChangedError[] = [];
  const services = fakeServices({
    workbench,
    ui,
    ssh: { acceptHostKey: async (e: HostKeyChangedError) => void accepted.push(e) },
  });
  let attempts = 0;
  const work = async () => {
    attempts++;
    if (attempts === 1) throw changed();
    return 'connected';
  };
  return { services, warnings, confirms, accepted, work, attempts: () => attempts };
}

describe('a changed host key (our own client refused it)', () => {
  it('shows both fingerprints with "Accept New Key…"; after the modal confirmation the new key is filed and the login retried', async () => {
    const t = setup({ button: 'Accept New Key…', confirmed: true });
    assert.equal(await withHostKeyCheck(t.services, t.work), 'connected');
    assert.equal(t.warnings.length, 1);
    assert.ok(t.warnings[0].message.includes(fingerprint(OLD.blob)), 'the old fingerprint is shown');
    assert.ok(t.warnings[0].message.includes(fingerprint(NEW.blob)), 'the new fingerprint is shown');
    assert.deepEqual(t.warnings[0].buttons, ['Accept New Key…']);
    assert.equal(t.confirms.length, 1, 'a modal confirmation comes first');
    assert.ok(t.confirms[0].detail?.includes(fingerprint(NEW.blob)));
    assert.equal(t.accepted.length, 1);
    assert.equal(t.accepted[0].hostKeyName, 'gpupods-novita-abc');
    assert.equal(t.attempts(), 2, 'the login is tried again once');
  });

  it('dismissed, or not confirmed: the refusal stands and no key is filed', async () => {
    for (const o of [
      { button: undefined, confirmed: true },
      { button: 'Accept New Key…', confirmed: false },
    ]) {
      const t = setup(o);
      await assert.rejects(withHostKeyCheck(t.services, t.work), (e: Error) => e instanceof HostKeyChangedError);
      assert.equal(t.accepted.length, 0);
      assert.equal(t.attempts(), 1);
    }
  });
});
