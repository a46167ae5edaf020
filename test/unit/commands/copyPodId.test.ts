// "Copy Pod Id" needs nothing of VS Code but the workbench port: it runs here, in plain Node.
import assert from 'node:assert/strict';
import { copyPodId } from '../../../src/commands/pods/copyPodId';
import type { PodNode } from '../../../src/views/nodes';
import { AutoInput } from '../../support/autoInput';
import { fakeAccount, fakePod, fakeProvider, fakeServices, recordingWorkbench } from './fakeServices';

describe('Copy Pod Id (plain Node, through the workbench port)', () => {
  it("on a pod's row, copies that pod's id without asking anything", async () => {
    const yotta = fakeAccount(
      'yotta',
      'work',
      fakeProvider('yotta', { pods: [fakePod('yotta', '362740422811062272', 'trainer')] }),
    );
    const workbench = recordingWorkbench();
    const row: PodNode = {
      type: 'pod',
      account: yotta.account,
      pod: fakePod('yotta', '362740422811062272', 'trainer'),
    };
    await copyPodId(fakeServices({ accounts: [yotta], workbench }), row);
    assert.deepEqual(workbench.copied, ['362740422811062272']);
  });

  it("from the palette, lists every account's pods with their cloud and state, and copies the one picked", async () => {
    const yotta = fakeAccount(
      'yotta',
      'work',
      fakeProvider('yotta', { pods: [fakePod('yotta', 'y-1', 'trainer', 'stopped')] }),
    );
    const novita = fakeAccount(
      'novita',
      'home',
      fakeProvider('novita', { pods: [fakePod('novita', 'n-7', 'notebook')] }),
    );
    const ui = new AutoInput({ pod: 'notebook' });
    const workbench = recordingWorkbench();
    await copyPodId(fakeServices({ accounts: [yotta, novita], ui, workbench }));
    const [question] = ui.asked;
    assert.equal(question.title, 'Copy the id of which pod?');
    assert.deepEqual(
      question.items!.map((i) => `${i.label} | ${i.description}`),
      ['trainer | Yotta Labs (work) · paused', 'notebook | Novita AI (home) · running'],
    );
    assert.deepEqual(workbench.copied, ['n-7']);
  });

  it('with no pod on any account, says so and copies nothing', async () => {
    const workbench = recordingWorkbench();
    const services = fakeServices({ accounts: [fakeAccount('gpugeek', 'empty')], workbench });
    await assert.rejects(copyPodId(services), { name: 'CancelledError' });
    assert.deepEqual(workbench.infos, [{ message: 'No pod where this can be done right now.', buttons: [] }]);
    assert.deepEqual(workbench.copied, []);
  });
});
