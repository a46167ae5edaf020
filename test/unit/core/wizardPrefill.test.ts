import assert from 'node:assert/strict';
import type { Answers, CreateForm } from '../../../src/core/createForm';
import { runWizard } from '../../../src/ui/wizard';
import { AutoInput } from '../../support/autoInput';
import { ScriptedInput } from '../../support/scriptedInput';

/** GPU (object values, like NeevCloud's) → region → name. */
function form(soldOut = false): CreateForm<Answers> {
  return {
    fields: [
      {
        kind: 'pick',
        id: 'gpu',
        title: 'GPU',
        options: async () => [
          {
            label: 'H100',
            value: { configId: 'h100', regionId: 'best' },
            ...(soldOut ? { disabledReason: 'sold out' } : {}),
          },
          { label: 'A100', value: { configId: 'a100', regionId: 'best' } },
        ],
      },
      {
        kind: 'pick',
        id: 'region',
        title: 'Region',
        options: async () => [
          { label: 'us', value: 'us' },
          { label: 'eu', value: 'eu' },
        ],
      },
      { kind: 'text', id: 'name', title: 'Name', initial: () => 'pod' },
    ],
    summarize: async () => [],
    create: async (a) => a,
  };
}

describe('runWizard with prefilled answers (the cross-cloud picker)', () => {
  it('takes a still-offered prefilled answer without asking and asks the rest', async () => {
    const ui = new ScriptedInput([
      { id: 'name', input: 'my-pod' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(
      ui,
      form(),
      { jupyterPassword: 'x' },
      { title: 'Create', confirmLabel: 'Create pod', prefilled: { gpu: { configId: 'h100' }, region: 'eu' } },
    );
    assert.deepEqual(
      answers,
      { gpu: { configId: 'h100', regionId: 'best' }, region: 'eu', name: 'my-pod' },
      'the object answer becomes the full option value',
    );
    assert.deepEqual(ui.remaining, []);
  });

  it('asks a prefilled step again when its option is no longer pickable', async () => {
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'A100' },
      { id: 'name', input: 'my-pod' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(
      ui,
      form(true),
      { jupyterPassword: 'x' },
      { title: 'Create', confirmLabel: 'Create pod', prefilled: { gpu: { configId: 'h100' }, region: 'eu' } },
    );
    assert.deepEqual(answers?.gpu, { configId: 'a100', regionId: 'best' });
    assert.equal(answers?.region, 'eu');
  });
});

describe('runWizard with suggested answers (Create Pod Like This)', () => {
  /** GPU (object values) → image (with Custom…) → disk (a number) → name. */
  function likeForm(): CreateForm<Answers> {
    return {
      fields: [
        ...form().fields.slice(0, 1),
        {
          kind: 'pick',
          id: 'image',
          title: 'Image',
          options: async () => [{ label: 'PyTorch', value: 'pytorch:latest', picked: true }],
          allowCustom: { prompt: 'Image' },
        },
        { kind: 'number', id: 'disk', title: 'Disk', prompt: 'Disk in GB', initial: () => '100' },
        { kind: 'text', id: 'name', title: 'Name', initial: () => 'pod' },
      ],
      summarize: async () => [],
      create: async (a) => a,
    };
  }
  const suggested = {
    answers: { gpu: { configId: 'a100' }, image: 'team/trainer:3' },
    notes: { disk: 'Disk size not readable from this pod; the usual size is suggested.' },
  };

  it('asks every step, each starting on what the pod had, so Enter alone reaches the summary with it', async () => {
    const ui = new AutoInput();
    const answers = await runWizard(
      ui,
      likeForm(),
      { jupyterPassword: 'x' },
      {
        title: 'Create',
        confirmLabel: 'Create pod',
        suggested,
      },
    );
    assert.deepEqual(
      ui.asked.map((q) => q.id),
      ['gpu', 'image', 'disk', 'name', 'summary'],
      'no step is skipped',
    );
    const gpu = ui.asked[0].items!.find((i) => i.picked);
    assert.equal(gpu?.label, 'A100', 'the GPU the pod had starts picked (matched on its config id)');
    const image = ui.asked[1].items!.filter((i) => i.picked).map((i) => `${i.label} (${i.description})`);
    assert.deepEqual(image, ['team/trainer:3 (typed)'], 'an image no option has is offered as typed, picked');
    assert.deepEqual(answers, {
      gpu: { configId: 'a100', regionId: 'best' },
      image: 'team/trainer:3',
      disk: 100,
      name: 'pod',
    });
  });

  it('a step the pod could not fill says so where the step says what it asks', async () => {
    const ui = new AutoInput();
    await runWizard(
      ui,
      likeForm(),
      { jupyterPassword: 'x' },
      { title: 'Create', confirmLabel: 'Create pod', suggested },
    );
    assert.equal(
      ui.asked.find((q) => q.id === 'disk')?.prompt,
      'Disk size not readable from this pod; the usual size is suggested. Disk in GB',
    );
    assert.equal(ui.asked.find((q) => q.id === 'gpu')?.placeholder, undefined, 'no note where the pod was read');
  });
});

describe('runWizard from the workspace spec (a whole pod prefilled)', () => {
  it('asks only what the spec leaves open without a default: its answers and the suggested name are taken', async () => {
    const ui = new ScriptedInput([
      { id: 'region', pick: 'eu' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(
      ui,
      form(),
      { jupyterPassword: 'x' },
      {
        title: 'Create',
        confirmLabel: 'Create pod',
        prefilled: { gpu: { configId: 'a100' } },
        prefilledComplete: true,
      },
    );
    assert.deepEqual(
      ui.asked.map((q) => q.id),
      ['region', 'summary'],
    );
    assert.deepEqual(answers, { gpu: { configId: 'a100', regionId: 'best' }, region: 'eu', name: 'pod' });
  });

  it('asks the step whose answer the cloud no longer offers, saying why', async () => {
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'A100' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(
      ui,
      form(true),
      { jupyterPassword: 'x' },
      {
        title: 'Create',
        confirmLabel: 'Create pod',
        prefilled: { gpu: { configId: 'h100' }, region: 'eu' },
        prefilledComplete: true,
      },
    );
    assert.match(
      ui.asked[0].placeholder ?? '',
      /The workspace spec asks for H100, which is not available now \(sold out\)/,
    );
    assert.deepEqual(answers, { gpu: { configId: 'a100', regionId: 'best' }, region: 'eu', name: 'pod' });
  });

  it("takes the spec's own image, typed rather than listed, on a step that accepts typed values", async () => {
    const imageForm: CreateForm<Answers> = {
      fields: [
        {
          kind: 'pick',
          id: 'image',
          title: 'Image',
          options: async () => [{ label: 'ubuntu', value: 'ubuntu:22.04', picked: true }],
          allowCustom: { prompt: 'Image', validate: (v) => (v.includes(' ') ? 'no spaces' : undefined) },
        },
      ],
      summarize: async () => [],
      create: async (a) => a,
    };
    const ui = new ScriptedInput([{ id: 'summary', pick: 'Create pod' }]);
    const answers = await runWizard(
      ui,
      imageForm,
      { jupyterPassword: 'x' },
      { title: 'Create', confirmLabel: 'Create pod', prefilled: { image: 'my/own:1' }, prefilledComplete: true },
    );
    assert.deepEqual(answers, { image: 'my/own:1' });
  });

  it('"Save These Answers to the Workspace" on the summary saves the answers and shows the summary again', async () => {
    const saved: Answers[] = [];
    const ui = new ScriptedInput([
      { id: 'summary', pick: 'Save These Answers to the Workspace' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    await runWizard(
      ui,
      form(),
      { jupyterPassword: 'x' },
      {
        title: 'Create',
        confirmLabel: 'Create pod',
        previous: { gpu: { configId: 'a100', regionId: 'best' }, region: 'us', name: 'pod' },
        saveAnswers: async (a) => void saved.push({ ...a }),
      },
    );
    assert.deepEqual(saved, [{ gpu: { configId: 'a100', regionId: 'best' }, region: 'us', name: 'pod' }]);
  });
});
