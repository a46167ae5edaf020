import assert from 'node:assert/strict';
import type { Answers, CreateForm } from '../../../src/core/createForm';
import { CloudError } from '../../../src/core/errors';
import { runWizard } from '../../../src/ui/wizard';
import { ScriptedInput } from '../../support/scriptedInput';

/** Image → registry credential (with "Add credential…" inline) → name; the inline flow asks a name and a password. */
function form(add: (name: string, password: string) => Promise<string>, known: string[]): CreateForm<Answers> {
  return {
    fields: [
      { kind: 'pick', id: 'image', title: 'Image', options: async () => [{ label: 'private', value: 'r.io/me/p:1' }] },
      {
        kind: 'pick',
        id: 'credential',
        title: 'Registry credential',
        options: async () => known.map((k) => ({ label: k, value: k })),
        inline: {
          label: 'Add credential…',
          async run(ask) {
            const name = await ask.text({ id: 'credentialName', title: 'Credential name', prompt: 'name' });
            const password = await ask.text({
              id: 'credentialPassword',
              title: 'Password',
              prompt: 'password',
              password: true,
            });
            const id = await add(name, password);
            known.push(id);
            return id;
          },
        },
      },
      { kind: 'text', id: 'name', title: 'Name' },
    ],
    summarize: async (a) => [{ label: 'Credential', value: String(a.credential), fieldId: 'credential' }],
    create: async (a) => a,
  };
}

const ctx = { jupyterPassword: 'x' };
const options = { title: 'Create', confirmLabel: 'Create pod' };

describe('runWizard: "Add credential…" inside a step', () => {
  it('runs its prompts, then goes on with the new credential picked', async () => {
    const ui = new ScriptedInput([
      { id: 'image', pick: 'private' },
      { id: 'credential', pick: 'Add credential…' },
      { id: 'credentialName', input: 'my-registry' },
      { id: 'credentialPassword', input: 's3cret-token' },
      { id: 'name', input: 'trainer' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(
      ui,
      form(async (name) => `id-${name}`, []),
      ctx,
      options,
    );
    assert.deepEqual(answers, { image: 'r.io/me/p:1', credential: 'id-my-registry', name: 'trainer' });
    assert.equal(ui.asked.find((q) => q.id === 'credentialPassword')!.kind, 'input');
    assert.deepEqual(ui.remaining, []);
  });

  it('Escape in the flow shows the step again as it was, and nothing is added', async () => {
    let added = 0;
    const ui = new ScriptedInput([
      { id: 'image', pick: 'private' },
      { id: 'credential', pick: 'Add credential…' },
      { id: 'credentialName', input: undefined },
      { id: 'credential', pick: 'existing' },
      { id: 'name', input: 'trainer' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(
      ui,
      form(async () => `id-${++added}`, ['existing']),
      ctx,
      options,
    );
    assert.equal(answers?.credential, 'existing');
    assert.equal(added, 0);
  });

  it("a refused add shows the step again with the cloud's reason on a line that cannot be picked", async () => {
    const ui = new ScriptedInput([
      { id: 'image', pick: 'private' },
      { id: 'credential', pick: 'Add credential…' },
      { id: 'credentialName', input: 'bad' },
      { id: 'credentialPassword', input: 'pw-123456' },
      { id: 'credential', pick: 'existing' },
      { id: 'name', input: 'trainer' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const refuse = async () => {
      throw new CloudError('Novita AI refused to add the registry credential: invalid parameter: name', 'X');
    };
    const answers = await runWizard(ui, form(refuse, ['existing']), ctx, options);
    assert.equal(answers?.credential, 'existing');
    const again = ui.asked.filter((q) => q.id === 'credential')[1];
    assert.equal(
      again.items![0].label,
      'Add credential… failed: Novita AI refused to add the registry credential: invalid parameter: name',
    );
    assert.ok(again.items![0].disabledReason);
  });
});
