// "Get Started with GPU Pods" needs nothing of VS Code but the workbench port: it runs here, in plain Node.
import assert from 'node:assert/strict';
import { openWalkthrough } from '../../../src/commands/help/openWalkthrough';
import { fakeServices, recordingWorkbench } from './fakeServices';

describe('Open Walkthrough (plain Node, through the workbench port)', () => {
  it("opens the Get Started walkthrough under the running extension's own id, in this window", async () => {
    const workbench = recordingWorkbench();
    await openWalkthrough(fakeServices({ workbench, extensionId: 'some-publisher.gpu-pods' }));
    assert.deepEqual(workbench.commands, [
      {
        id: 'workbench.action.openWalkthrough',
        args: ['some-publisher.gpu-pods#gpuPods.gettingStarted', false],
      },
    ]);
  });
});
