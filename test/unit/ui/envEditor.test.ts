import assert from 'node:assert/strict';
import type { Answers, CreateForm } from '../../../src/core/createForm';
import type { EnvSet, EnvVault } from '../../../src/core/envVault';
import { environmentStep, environmentSummary } from '../../../src/core/formSteps/environment';
import type { EnvRules, EnvVar } from '../../../src/core/formSteps/envVars';
import { runWizard } from '../../../src/ui/wizard';
import { ScriptedInput, type ScriptStep } from '../../support/scriptedInput';

const RULES: EnvRules = { cloud: 'Novita AI', maxCount: 3, command: {}, entrypoint: {} };
const SECRET = 'wandb-9f8e7d6c5b';

/** The vault as the extension keeps it, in memory: secret values apart, sets as saved. */
class FakeVault implements EnvVault {
  readonly values = new Map<string, string>();
  saved: EnvSet[] = [];
  secretNames = () => [...this.values.keys()];
  storeSecret = async (name: string, value: string) => void this.values.set(name, value);
  forgetSecret = async (name: string) => void this.values.delete(name);
  sets = () => this.saved;
  saveSet = async (name: string, vars: readonly EnvVar[]) =>
    void (this.saved = [...this.saved.filter((s) => s.name !== name), { name, vars: [...vars] }]);
  renameSet = async (from: string, to: string) =>
    void (this.saved = this.saved.map((s) => (s.name === from ? { ...s, name: to } : s)));
  deleteSet = async (name: string) => void (this.saved = this.saved.filter((s) => s.name !== name));
}

/** A name, then the environment step; the summary is the step's own lines. */
function form(rules = RULES): CreateForm<Answers> {
  return {
    fields: [{ kind: 'text', id: 'name', title: 'Name' }, environmentStep(rules)],
    summarize: async (a) => environmentSummary(a, rules),
    create: async (a) => a,
  };
}

async function run(script: ScriptStep[], vault?: EnvVault, previous?: Answers) {
  const ui = new ScriptedInput(script);
  const answers = await runWizard(
    ui,
    form(),
    { jupyterPassword: 'x' },
    {
      title: 'Create pod on Novita AI',
      confirmLabel: 'Create pod',
      envVault: vault,
      previous,
    },
  );
  assert.deepEqual(ui.remaining, [], 'the whole script was asked');
  return { answers, ui };
}

describe('the environment step in the wizard', () => {
  it('Create Pod Like This: the copied variables are listed, and the step says why a secret value was not copied', async () => {
    const ui = new ScriptedInput([
      { id: 'name', input: 'copy' },
      { id: 'env', pick: 'Continue' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const note = 'Values of variables named like secrets are not copied.';
    const answers = await runWizard(
      ui,
      form(),
      { jupyterPassword: 'x' },
      {
        title: 'Create pod on Novita AI',
        confirmLabel: 'Create pod',
        suggested: {
          answers: {
            env: {
              vars: [
                { name: 'HF_TOKEN', secret: 'hf-token' },
                { name: 'MODE', value: 'train' },
              ],
            },
          },
          notes: { env: note },
        },
      },
    );
    assert.deepEqual(answers?.env, {
      vars: [
        { name: 'HF_TOKEN', secret: 'hf-token' },
        { name: 'MODE', value: 'train' },
      ],
    });
    const step = ui.asked.find((q) => q.id === 'env');
    assert.ok(step?.placeholder?.startsWith(note), step?.placeholder);
  });

  it('Continue with nothing set answers "no variables"; the list opens on Continue', async () => {
    const { answers, ui } = await run([
      { id: 'name', input: 'p' },
      { id: 'env', pick: 'Continue' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    assert.deepEqual(answers?.env, { vars: [] });
    const list = ui.asked[1];
    assert.equal(list.title, 'Create pod on Novita AI: Environment and start command');
    assert.equal(list.items![0].picked, true);
    assert.deepEqual(
      list.items!.map((i) => i.label),
      ['$(check) Continue', '$(add) Add Variable…', '$(terminal) Start Command…', '$(debug-start) Entrypoint…'],
      'no saved sets without a vault',
    );
  });

  it('adds a plain variable and a secret one: the secret goes to the vault, the answer keeps its name only', async () => {
    const vault = new FakeVault();
    const { answers, ui } = await run(
      [
        { id: 'name', input: 'p' },
        { id: 'env', pick: 'Add Variable' },
        { id: 'env.name', input: 'WANDB_PROJECT' },
        { id: 'env.kind', pick: 'Plain Value' },
        { id: 'env.value', input: 'demo' },
        { id: 'env', pick: 'Add Variable' },
        { id: 'env.name', input: 'WANDB_API_KEY' },
        { id: 'env.kind', pick: 'New Secret Value' },
        { id: 'env.secretName', input: 'wandb' },
        { id: 'env.secretValue', input: SECRET },
        { id: 'env', pick: 'Start Command' },
        { id: 'env.command', input: 'python train.py' },
        { id: 'env', pick: 'Continue' },
        { id: 'summary', pick: 'Create pod' },
      ],
      vault,
    );
    assert.deepEqual(answers?.env, {
      vars: [
        { name: 'WANDB_PROJECT', value: 'demo' },
        { name: 'WANDB_API_KEY', secret: 'wandb' },
      ],
      command: 'python train.py',
    });
    assert.equal(vault.values.get('wandb'), SECRET);
    const kind = ui.asked.filter((q) => q.id === 'env.kind');
    assert.equal(kind[0].items!.find((i) => i.picked)?.label, '$(edit) Plain Value…');
    assert.equal(
      kind[1].items!.find((i) => i.picked)?.label,
      '$(lock) New Secret Value…',
      'a key-like name offers secret first',
    );
    assert.equal(ui.asked.find((q) => q.id === 'env.secretName')?.value, 'wandb-api-key', 'the suggested name');
    const summary = ui.asked.find((q) => q.id === 'summary')!;
    assert.ok(
      summary.items!.some((i) => i.description === 'WANDB_PROJECT = demo, WANDB_API_KEY = •••••• (secret: wandb)'),
    );
    assert.ok(!JSON.stringify(ui.asked).includes(SECRET), 'no prompt, list or summary shows the secret');
    assert.ok(!JSON.stringify(answers).includes(SECRET), 'nor any answer');
  });

  it('a kept secret is offered for a new variable by its name', async () => {
    const vault = new FakeVault();
    await vault.storeSecret('hf-token', 'hf_abc123456');
    const { answers } = await run(
      [
        { id: 'name', input: 'p' },
        { id: 'env', pick: 'Add Variable' },
        { id: 'env.name', input: 'HF_TOKEN' },
        { id: 'env.kind', pick: 'hf-token' },
        { id: 'env', pick: 'Continue' },
        { id: 'summary', pick: 'Create pod' },
      ],
      vault,
    );
    assert.deepEqual((answers?.env as { vars: EnvVar[] }).vars, [{ name: 'HF_TOKEN', secret: 'hf-token' }]);
  });

  it('saves the variables as a set of the account, offers it at the next create, and uses it', async () => {
    const vault = new FakeVault();
    await vault.storeSecret('hf-token', 'hf_abc123456');
    await run(
      [
        { id: 'name', input: 'p' },
        { id: 'env', pick: 'Add Variable' },
        { id: 'env.name', input: 'HF_TOKEN' },
        { id: 'env.kind', pick: 'hf-token' },
        { id: 'env', pick: 'Save These Variables' },
        { id: 'env.setName', input: 'my HF token' },
        { id: 'env', pick: 'Continue' },
        { id: 'summary', pick: 'Create pod' },
      ],
      vault,
    );
    assert.deepEqual(vault.saved, [{ name: 'my HF token', vars: [{ name: 'HF_TOKEN', secret: 'hf-token' }] }]);
    const next = await run(
      [
        { id: 'name', input: 'p' },
        { id: 'env', pick: 'Use "my HF token"' },
        { id: 'env', pick: 'Continue' },
        { id: 'summary', pick: 'Create pod' },
      ],
      vault,
    );
    assert.equal(next.ui.asked[1].items!.find((i) => i.label.includes('my HF token'))?.description, 'HF_TOKEN');
    assert.deepEqual((next.answers?.env as { vars: EnvVar[] }).vars, [{ name: 'HF_TOKEN', secret: 'hf-token' }]);
  });

  it('renames and deletes a saved set, and forgets a kept secret, from the step', async () => {
    const vault = new FakeVault();
    await vault.storeSecret('hf-token', 'hf_abc123456');
    await vault.saveSet('old', [{ name: 'A', value: '1' }]);
    await vault.saveSet('gone', [{ name: 'B', value: '2' }]);
    await run(
      [
        { id: 'name', input: 'p' },
        { id: 'env', pick: 'Manage Saved Sets and Secrets' },
        { id: 'env.manage', pick: 'old' },
        { id: 'env.manageSet', pick: 'Rename' },
        { id: 'env.setName', input: 'new' },
        { id: 'env', pick: 'Manage Saved Sets and Secrets' },
        { id: 'env.manage', pick: 'gone' },
        { id: 'env.manageSet', pick: 'Delete' },
        { id: 'env.deleteSet', confirm: true },
        { id: 'env', pick: 'Manage Saved Sets and Secrets' },
        { id: 'env.manage', pick: 'hf-token' },
        { id: 'env.manageSecret', pick: 'Forget' },
        { id: 'env.forgetSecret', confirm: true },
        { id: 'env', pick: 'Continue' },
        { id: 'summary', pick: 'Create pod' },
      ],
      vault,
    );
    assert.deepEqual(
      vault.saved.map((s) => s.name),
      ['new'],
    );
    assert.deepEqual(vault.secretNames(), []);
  });

  it('changes and removes a variable; Back inside returns to the list, Back on the list leaves the step with the changes', async () => {
    const previous = {
      env: {
        vars: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
    };
    const { answers } = await run(
      [
        { id: 'summary', pick: (items) => items.find((i) => i.label === 'Environment') },
        { id: 'env', pick: 'A' },
        { id: 'env.variable', pick: 'Change Value' },
        { id: 'env.value', input: 'one' },
        { id: 'env', pick: 'B' },
        { id: 'env.variable', pick: 'Remove B' },
        { id: 'env', pick: 'Add Variable' },
        { id: 'env.name', input: 'BACK' },
        { id: 'env', pick: 'BACK' },
        { id: 'name', input: 'p' },
        { id: 'env', pick: (items) => (assert.equal(items[0].description, 'A'), items[0]) },
        { id: 'summary', pick: 'Create pod' },
      ],
      undefined,
      previous,
    );
    assert.deepEqual((answers?.env as { vars: EnvVar[] }).vars, [{ name: 'A', value: 'one' }]);
  });

  it('Add Variable cannot be picked once the cloud’s limit is reached, and says why', async () => {
    const previous = { env: { vars: ['A', 'B', 'C'].map((name) => ({ name, value: '1' })) } };
    const { ui } = await run(
      [
        { id: 'summary', pick: (items) => items.find((i) => i.label === 'Environment') },
        { id: 'env', pick: 'Continue' },
        { id: 'summary', pick: 'Create pod' },
      ],
      undefined,
      previous,
    );
    const add = ui.asked[1].items!.find((i) => i.label.includes('Add Variable'))!;
    assert.equal(add.disabledReason, 'Novita AI takes at most 3 variables');
  });

  it('Escape inside the step ends the wizard', async () => {
    const { answers } = await run([
      { id: 'name', input: 'p' },
      { id: 'env', pick: 'Add Variable' },
      { id: 'env.name', input: undefined },
    ]);
    assert.equal(answers, undefined);
  });
});
