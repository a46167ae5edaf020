import assert from 'node:assert/strict';
import type { Answers } from '../../../src/core/createForm';
import { runWizard, type WizardOptions } from '../../../src/ui/wizard';
import { startYotta, type YottaHarness } from '../../simulator/yotta/harness';
import { AutoInput } from '../../support/autoInput';
import { type AskedQuestion, ScriptedInput } from '../../support/scriptedInput';

const ctx = { jupyterPassword: 'jp-1' };
const options: WizardOptions = { title: 'Create pod on Yotta Labs', confirmLabel: 'Create pod' };

/** "id n/m" per question, the way a user reads the counter. */
const counters = (asked: AskedQuestion[]) => asked.map((q) => `${q.id} ${q.step}/${q.totalSteps}`);

/** The counter moves by exactly one per step shown going forward, and the summary is the last of its total. */
function assertNoJump(asked: AskedQuestion[]) {
  for (let i = 1; i < asked.length; i++)
    assert.equal(asked[i].step, asked[i - 1].step! + 1, `no jump from ${counters(asked).slice(i - 1, i + 1)}`);
  const summary = asked[asked.length - 1];
  assert.equal(summary.id, 'summary');
  assert.equal(summary.step, summary.totalSteps, `the summary is the last step: ${counters(asked)}`);
}

describe('runWizard: the step counter never jumps (the Yotta pod wizard)', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('counts 1/11 … 10/11 through the defaults, then Summary 11/11 (it said 14/14)', async () => {
    const ui = new AutoInput({ gpu: 'RTX 4090' });
    assert.ok(await runWizard(ui, h.provider().createForm(), ctx, options));
    assert.deepEqual(counters(ui.asked), [
      'gpu 1/11',
      'gpuCount 2/11',
      'region 3/11',
      'image 4/11',
      'containerDisk 5/11',
      'volume 6/11',
      'ports 7/11',
      'customPorts 8/11',
      'env 9/11',
      'name 10/11',
      'summary 11/11',
    ]);
  });

  it('an answer that opens steps (custom image, new volume) raises the total from then on, never the step', async () => {
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'H100' },
      { id: 'gpuCount', pick: '1 ×' },
      { id: 'region', pick: 'US East 1' },
      { id: 'image', pick: 'Custom' },
      { id: 'image.custom', input: 'ghcr.io/me/app:1' },
      { id: 'registryAuth', pick: 'None' },
      { id: 'containerDisk', input: '100' },
      { id: 'volume', pick: 'New volume' },
      { id: 'volumeSize', input: '200' },
      { id: 'mountPath', input: '/data' },
      { id: 'ports', pick: (items) => items.filter((i) => i.picked) },
      { id: 'customPorts', input: '' },
      { id: 'env', pick: 'Continue' },
      { id: 'name', input: 'trainer' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    assert.ok(await runWizard(ui, h.provider().createForm(), ctx, options));
    const steps = ui.asked.filter((q) => q.id !== 'image.custom');
    assert.deepEqual(counters(steps), [
      'gpu 1/11',
      'gpuCount 2/11',
      'region 3/11',
      'image 4/11',
      'registryAuth 5/12',
      'containerDisk 6/12',
      'volume 7/12',
      'volumeSize 8/14',
      'mountPath 9/14',
      'ports 10/14',
      'customPorts 11/14',
      'env 12/14',
      'name 13/14',
      'summary 14/14',
    ]);
    assertNoJump(steps);
  });

  it('Back shows a step with the number it had, and walking on from it counts on from there', async () => {
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'gpuCount', pick: '1 ×' },
      { id: 'region', pick: 'BACK' },
      { id: 'gpuCount', pick: 'BACK' },
      { id: 'gpu', pick: 'H100' },
      { id: 'gpuCount', pick: '2 ×' },
      { id: 'region', pick: 'US West 1' },
      { id: 'image', pick: 'PyTorch' },
      { id: 'containerDisk', input: '100' },
      { id: 'volume', pick: 'New volume' },
      { id: 'volumeSize', input: 'BACK' },
      { id: 'volume', pick: 'None' },
      { id: 'ports', pick: (items) => items.filter((i) => i.picked) },
      { id: 'customPorts', input: '' },
      { id: 'env', pick: 'Continue' },
      { id: 'name', input: 'trainer' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    assert.ok(await runWizard(ui, h.provider().createForm(), ctx, options));
    assert.deepEqual(counters(ui.asked), [
      'gpu 1/11',
      'gpuCount 2/11',
      'region 3/11',
      'gpuCount 2/11',
      'gpu 1/11',
      'gpuCount 2/11',
      'region 3/11',
      'image 4/11',
      'containerDisk 5/11',
      'volume 6/11',
      'volumeSize 7/13',
      // Back on the volume: its previous answer still opens the size and path steps until it is changed.
      'volume 6/13',
      'ports 7/11',
      'customPorts 8/11',
      'env 9/11',
      'name 10/11',
      'summary 11/11',
    ]);
  });

  it('steps the cross-cloud picker answered are not counted: the first question is 1/N', async () => {
    const ui = new AutoInput();
    const answers = await runWizard(ui, h.provider().createForm(), ctx, {
      ...options,
      prefilled: { gpu: 'NVIDIA_H100_80G', region: 'us-west-1' },
    });
    assert.equal((answers as Answers).gpu, 'NVIDIA_H100_80G');
    assert.equal(ui.asked[0].id, 'gpuCount');
    assert.equal(ui.asked[0].step, 1);
    assertNoJump(ui.asked);
    assert.equal(ui.asked.find((q) => q.id === 'summary')!.totalSteps, 9);
  });

  it('a prefilled step that has to be asked after all counts from where it shows', async () => {
    h.control.setSoldOut('NVIDIA_H100_80G', 'us-west-1');
    const ui = new AutoInput();
    await runWizard(ui, h.provider().createForm(), ctx, {
      ...options,
      prefilled: { gpu: 'NVIDIA_H100_80G', region: 'us-west-1' },
    });
    assert.deepEqual(counters(ui.asked).slice(0, 3), ['gpuCount 1/9', 'region 2/10', 'image 3/10']);
    assertNoJump(ui.asked);
  });

  it('reopened on its summary (after a refused create), the summary is the last of the steps asked', async () => {
    const first = new AutoInput({ gpu: 'RTX 4090' });
    const previous = await runWizard(first, h.provider().createForm(), ctx, options);
    const ui = new ScriptedInput([
      { id: 'summary', pick: 'BACK' },
      { id: 'name', input: 'again' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    await runWizard(ui, h.provider().createForm(), ctx, { ...options, previous });
    assert.deepEqual(counters(ui.asked), ['summary 11/11', 'name 10/11', 'summary 11/11']);
  });
});
