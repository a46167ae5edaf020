import assert from 'node:assert/strict';
import type { Answers, CreateForm } from '../../../src/core/createForm';
import { runWizard } from '../../../src/ui/wizard';
import { ScriptedInput } from '../../support/scriptedInput';

/** A small form shaped like a cloud's: GPU → region (depends on GPU) → optional size → name. */
function form(): CreateForm<Answers> & { regionsAskedFor: unknown[] } {
  const regionsAskedFor: unknown[] = [];
  return {
    regionsAskedFor,
    fields: [
      {
        kind: 'pick',
        id: 'gpu',
        title: 'GPU',
        options: async () => [
          { label: 'RTX 4090', value: 'rtx4090' },
          { label: 'H100', value: 'h100', disabledReason: 'sold out' },
          { label: 'A100', value: 'a100' },
        ],
      },
      {
        kind: 'pick',
        id: 'region',
        title: 'Region',
        options: async (a) => {
          regionsAskedFor.push(a.gpu);
          return a.gpu === 'a100'
            ? [{ label: 'us-west-1', value: 'us-west-1' }]
            : [
                { label: 'us-east-1', value: 'us-east-1' },
                { label: 'sg', value: 'sg' },
              ];
        },
      },
      {
        kind: 'pick',
        id: 'image',
        title: 'Image',
        options: async () => [{ label: 'PyTorch', value: 'pytorch', picked: true }],
        allowCustom: { prompt: 'Image', validate: (v) => (v.includes(' ') ? 'No spaces.' : undefined) },
      },
      {
        kind: 'number',
        id: 'disk',
        title: 'Disk',
        initial: () => '50',
        validate: (v) => (Number(v) < 20 ? 'At least 20 GB.' : undefined),
      },
      { kind: 'text', id: 'name', title: 'Name', skip: (a) => a.gpu === 'a100' },
    ],
    summarize: async (a) => [
      { label: 'GPU', value: String(a.gpu), fieldId: 'gpu' },
      { label: 'Price', value: '$0.69/h' },
    ],
    create: async (a) => a,
  };
}

const ctx = { jupyterPassword: 'x' };

describe('runWizard', () => {
  it('walks every step and returns typed answers on Create', async () => {
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'region', pick: 'sg' },
      { id: 'image', pick: 'PyTorch' },
      { id: 'disk', input: '100' },
      { id: 'name', input: '  my-pod ' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(ui, form(), ctx, { title: 'Create', confirmLabel: 'Create pod' });
    assert.deepEqual(answers, { gpu: 'rtx4090', region: 'sg', image: 'pytorch', disk: 100, name: 'my-pod' });
    assert.deepEqual(ui.remaining, []);
  });

  it('shows sold-out GPUs but never lets them be picked', async () => {
    const ui = new ScriptedInput([{ id: 'gpu', pick: undefined }]);
    await runWizard(ui, form(), ctx, { title: 'Create', confirmLabel: 'Create pod' });
    const h100 = ui.asked[0].items!.find((i) => i.label === 'H100');
    assert.equal(h100?.disabledReason, 'sold out');
    await assert.rejects(
      runWizard(new ScriptedInput([{ id: 'gpu', pick: (items) => items[1] }]), form(), ctx, {
        title: 'C',
        confirmLabel: 'Create pod',
      }),
      /disabled/,
    );
  });

  it('goes Back to the previous step with its answer preselected, and reloads dependent options', async () => {
    const f = form();
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'region', pick: 'BACK' },
      { id: 'gpu', pick: 'A100' },
      { id: 'region', pick: 'us-west-1' },
      { id: 'image', pick: 'PyTorch' },
      { id: 'disk', input: '20' },
      // name is skipped for an A100
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(ui, f, ctx, { title: 'Create', confirmLabel: 'Create pod' });
    assert.equal(answers?.gpu, 'a100');
    assert.equal(answers?.name, undefined);
    assert.deepEqual(f.regionsAskedFor, ['rtx4090', 'a100']);
    const secondGpuQuestion = ui.asked.filter((q) => q.id === 'gpu')[1];
    assert.equal(secondGpuQuestion.items!.find((i) => i.picked)?.label, 'RTX 4090');
  });

  it('takes a custom value through the Custom… entry, validated', async () => {
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'region', pick: 'sg' },
      { id: 'image', pick: 'Custom' },
      { id: 'image.custom', input: 'me/my-image:1' },
      { id: 'disk', input: '20' },
      { id: 'name', input: 'n' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(ui, form(), ctx, { title: 'Create', confirmLabel: 'Create pod' });
    assert.equal(answers?.image, 'me/my-image:1');
  });

  it('refuses invalid text (the prompt keeps it open)', async () => {
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'region', pick: 'sg' },
      { id: 'image', pick: 'PyTorch' },
      { id: 'disk', input: '10' },
    ]);
    await assert.rejects(runWizard(ui, form(), ctx, { title: 'Create', confirmLabel: 'Create pod' }), /At least 20 GB/);
  });

  it('reopens on the summary with earlier answers, and a summary line jumps to its step', async () => {
    const previous = { gpu: 'rtx4090', region: 'sg', image: 'pytorch', disk: 50, name: 'p' };
    const ui = new ScriptedInput([
      { id: 'summary', pick: 'GPU' },
      { id: 'gpu', pick: (items) => items.find((i) => i.picked) },
      { id: 'region', pick: (items) => items.find((i) => i.picked) },
      { id: 'image', pick: 'PyTorch' },
      { id: 'disk', input: '60' },
      { id: 'name', input: 'p' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(ui, form(), ctx, { title: 'Create', confirmLabel: 'Create pod', previous });
    assert.deepEqual(answers, { ...previous, disk: 60 });
    assert.equal(ui.asked.find((q) => q.id === 'disk')?.value, '50');
  });

  it('returns undefined when dismissed', async () => {
    assert.equal(
      await runWizard(new ScriptedInput([{ id: 'gpu', pick: undefined }]), form(), ctx, {
        title: 'C',
        confirmLabel: 'Create pod',
      }),
      undefined,
    );
  });
});
