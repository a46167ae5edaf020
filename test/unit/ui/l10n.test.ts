import assert from 'node:assert/strict';
import type { CreateForm } from '../../../src/core/createForm';
import { NetworkError } from '../../../src/core/errors';
import { l10n, translateWith } from '../../../src/ui/l10n';
import { runWizard } from '../../../src/ui/wizard';
import { AutoInput } from '../../support/autoInput';
import { ScriptedInput } from '../../support/scriptedInput';

/** A translator a test can recognise: every message in brackets, its placeholders filled. */
const bracketed = ((message: string, ...args: unknown[]) =>
  `[${message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]))}]`) as typeof l10n.t;

const form: CreateForm = {
  fields: [
    {
      kind: 'pick',
      id: 'image',
      title: 'Image',
      options: async () => [{ label: 'PyTorch', value: 'pytorch' }],
      allowCustom: { prompt: 'Image' },
    },
    {
      kind: 'pick',
      id: 'volume',
      title: 'Volume',
      options: () => Promise.reject(new NetworkError('down')),
      optional: { what: 'Volumes', without: { label: 'None', value: 'none' } },
    },
    { kind: 'number', id: 'disk', title: 'Disk' },
  ],
  summarize: async () => [{ label: 'Disk', value: '50 GB', fieldId: 'disk' }],
  create: async (a) => a,
};

describe('the wizard speaks through l10n.t', () => {
  it('without vscode (plain Node) it formats the English message', () => {
    assert.equal(l10n.t('{0}: {1}', 'Create pod', 'GPU'), 'Create pod: GPU');
    assert.equal(l10n.t('{name} is {0}', { name: 'H100', 0: 'sold out' }), 'H100 is sold out');
    assert.equal(l10n.t({ message: 'Step {0}', args: [3], comment: 'counter' }), 'Step 3');
  });

  it('every message it shows goes through the translator it is given (vscode.l10n.t in VS Code)', async () => {
    const undo = translateWith(bracketed);
    try {
      const ui = new AutoInput({ disk: '50' });
      await runWizard(ui, form, { jupyterPassword: 'x' }, { title: 'Create', confirmLabel: 'Create pod' });
      const [image, volume, disk, summary] = ui.asked;
      assert.equal(image.title, '[Create: Image]');
      assert.ok(image.items!.some((i) => i.label === '$(edit) [Custom…]'));
      assert.equal(volume.items![0].label, '[Volumes could not be loaded: down]');
      assert.match(volume.items![0].disabledReason!, /^\[this line only says why; pick "None"/);
      assert.equal(disk.title, '[Create: Disk]');
      assert.equal(summary.title, '[Create: Summary]');
      assert.ok(summary.items!.every((i) => !i.group || i.group === '[Summary]'));
      assert.ok(summary.items!.some((i) => i.detail === '[Select to change]'));
      const refused = new ScriptedInput([
        { id: 'image', pick: 'PyTorch' },
        { id: 'volume', pick: 'None' },
        { id: 'disk', input: 'fifty' },
      ]);
      await assert.rejects(
        runWizard(refused, form, { jupyterPassword: 'x' }, { title: 'Create', confirmLabel: 'Create pod' }),
        /\[Enter a whole number\.\]/,
      );
    } finally {
      undo();
    }
    assert.equal(l10n.t('Summary'), 'Summary', 'the undo brings English back');
  });
});
