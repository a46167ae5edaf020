// "Notify Me When a GPU Is Available…" needs nothing of VS Code but the prompts and the workbench port: it runs
// here, in plain Node, against a fake NeevCloud account.
import assert from 'node:assert/strict';
import { notifyWhenAvailable } from '../../../src/commands/offers/notifyWhenAvailable';
import type { GpuOffer } from '../../../src/core/model';
import { AutoInput } from '../../support/autoInput';
import { fakeAccount, fakeProvider, fakeServices, recordingWorkbench } from './fakeServices';

const offer = (id: string, gpuName: string, regions: GpuOffer['regions']): GpuOffer => ({
  cloud: 'neevcloud',
  id,
  gpuName,
  vramGb: 80,
  regions,
  available: regions.some((r) => r.available),
});

describe('Notify Me When a GPU Is Available (plain Node, through the workbench port)', () => {
  it('with no account connected, offers Connect a GPU Cloud, and the button starts connecting one', async () => {
    const workbench = recordingWorkbench();
    workbench.answer = 'Connect a GPU Cloud';
    await assert.rejects(notifyWhenAvailable(fakeServices({ workbench })), { name: 'CancelledError' });
    assert.deepEqual(workbench.infos, [{ message: 'Connect a GPU cloud first.', buttons: ['Connect a GPU Cloud'] }]);
    await new Promise((r) => setImmediate(r)); // the button's answer arrives after the toast
    assert.deepEqual(workbench.commands, [{ id: 'gpuPods.connectCloud', args: [] }]);
  });

  it('lists only the sold-out GPUs, registers the alert for the one picked and says who will write', async () => {
    const registered: string[] = [];
    const provider = fakeProvider('neevcloud', {
      offers: [
        offer('h100', 'H100', [
          { id: 'in-1', name: 'Mumbai', available: false },
          { id: 'in-2', name: 'Noida', available: true },
        ]),
        offer('a100', 'A100', [{ id: 'in-2', name: 'Noida', available: true }]),
      ],
      alerts: { register: async (region, id) => (registered.push(`${id}@${region}`), 'registered') },
    });
    const ui = new AutoInput({ soldOutOffer: 'H100' });
    const workbench = recordingWorkbench();
    await notifyWhenAvailable(fakeServices({ accounts: [fakeAccount('neevcloud', 'team', provider)], ui, workbench }));
    assert.deepEqual(
      ui.asked.find((q) => q.id === 'soldOutOffer')!.items!.map((i) => `${i.label} | ${i.description}`),
      ['H100 | 80 GB · Mumbai'],
    );
    assert.deepEqual(registered, ['h100@in-1']);
    assert.deepEqual(
      workbench.infos.map((i) => i.message),
      ['You will get an e-mail from the cloud when H100 in Mumbai is available.'],
    );
  });
});
