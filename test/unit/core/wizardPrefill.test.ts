import assert from 'node:assert/strict';
import type { Answers, CreateForm } from '../../../src/core/createForm';
import { runWizard } from '../../../src/ui/wizard';
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
