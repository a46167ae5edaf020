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
  it('lists the alerts already registered first, with the cloud’s word for their state; a sold-out GPU with one says so', async () => {
    const registered: string[] = [];
    const provider = fakeProvider('neevcloud', {
      offers: [
        offer('h100', 'H100', [{ id: 'in-1', name: 'Mumbai', available: false }]),
        offer('l40s', 'L40S', [{ id: 'in-2', name: 'Noida', available: false }]),
      ],
      alerts: {
        register: async (region, id) => (registered.push(`${id}@${region}`), 'registered'),
        list: async () => [
          { offerId: 'h100', regionId: 'in-1', status: 'pending', createdAt: Date.UTC(2026, 0, 5) },
          { offerId: 'gone-config', regionId: 'in-9', status: 'notified' },
        ],
      },
    });
    const ui = new AutoInput({
      soldOutOffer: (items) => items.find((i) => i.label.includes('H100') && !i.label.startsWith('$(bell)')),
    });
    const workbench = recordingWorkbench();
    await notifyWhenAvailable(fakeServices({ accounts: [fakeAccount('neevcloud', 'team', provider)], ui, workbench }));
    const items = ui.asked.find((q) => q.id === 'soldOutOffer')!.items!;
    assert.deepEqual(
      items.map((i) => `${i.group} | ${i.label} | ${i.description?.replace(/since .*/, 'since <date>')}`),
      [
        'Your availability alerts | $(bell) H100 in Mumbai | pending · since <date>',
        'Your availability alerts | $(bell) gone-config in in-9 | notified',
        'Sold out: notify me | H100 | 80 GB · Mumbai · alert pending',
        'Sold out: notify me | L40S | 80 GB · Noida',
      ],
    );
    assert.deepEqual(
      registered,
      ['h100@in-1'],
      'picking the sold-out line still asks the cloud (it says whether it has one)',
    );
  });

  it('picking a registered alert says what it is and that NeevCloud documents no way to remove it; nothing is sent', async () => {
    const registered: string[] = [];
    const provider = fakeProvider('neevcloud', {
      offers: [offer('h100', 'H100', [{ id: 'in-1', name: 'Mumbai', available: false }])],
      alerts: {
        register: async (region, id) => (registered.push(`${id}@${region}`), 'registered'),
        list: async () => [{ offerId: 'h100', regionId: 'in-1', status: 'pending' }],
      },
    });
    const ui = new AutoInput({ soldOutOffer: '$(bell)' });
    const workbench = recordingWorkbench();
    await notifyWhenAvailable(fakeServices({ accounts: [fakeAccount('neevcloud', 'team', provider)], ui, workbench }));
    assert.deepEqual(registered, []);
    assert.deepEqual(
      workbench.infos.map((i) => i.message),
      [
        'The alert for H100 in Mumbai is pending: NeevCloud e-mails you when it is available. NeevCloud documents no way to remove an alert.',
      ],
    );
  });

  it('alerts that cannot be listed are one line saying why; registering still works', async () => {
    const registered: string[] = [];
    const provider = fakeProvider('neevcloud', {
      offers: [offer('h100', 'H100', [{ id: 'in-1', name: 'Mumbai', available: false }])],
      alerts: {
        register: async (region, id) => (registered.push(`${id}@${region}`), 'registered'),
        list: async () => {
          throw new Error('NeevCloud did not answer');
        },
      },
    });
    const ui = new AutoInput({ soldOutOffer: 'Mumbai' });
    await notifyWhenAvailable(
      fakeServices({ accounts: [fakeAccount('neevcloud', 'team', provider)], ui, workbench: recordingWorkbench() }),
    );
    const first = ui.asked.find((q) => q.id === 'soldOutOffer')!.items![0];
    assert.equal(first.label, 'Your alerts could not be listed');
    assert.equal(first.disabledReason, 'NeevCloud did not answer');
    assert.deepEqual(registered, ['h100@in-1']);
  });
});
