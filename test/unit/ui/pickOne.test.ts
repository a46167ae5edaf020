import assert from 'node:assert/strict';
import { CancelledError } from '../../../src/core/errors';
import { inputOne, pickOne } from '../../../src/ui/pickOne';
import type { PickItem } from '../../../src/ui/prompts';
import { ScriptedInput } from '../../support/scriptedInput';

const accounts: PickItem<string>[] = [
  { label: 'Yotta Labs', value: 'yotta-1' },
  { label: 'Novita AI', value: 'novita-1' },
];
const step = (items: PickItem<string>[] | Promise<PickItem<string>[]>) => ({ id: 'account', title: 'Choose', items });

describe('pickOne: one answer, or the command stops', () => {
  it('returns the picked value', async () => {
    const ui = new ScriptedInput([{ id: 'account', pick: 'Novita' }]);
    assert.equal(await pickOne(ui, step(accounts)), 'novita-1');
  });

  it('a dismissed pick or Back cancels the command', async () => {
    for (const pick of [undefined, 'BACK'] as const) {
      const ui = new ScriptedInput([{ id: 'account', pick }]);
      await assert.rejects(pickOne(ui, step(accounts)), CancelledError);
    }
  });

  it('a many-pick answer never passes for one value', async () => {
    const ui = new ScriptedInput([{ id: 'account', pick: (items) => items }]);
    await assert.rejects(pickOne(ui, step(accounts)), CancelledError);
  });

  it('takes a single candidate without asking only when told to, and never a disabled one', async () => {
    const one = [accounts[0]];
    assert.equal(await pickOne(new ScriptedInput([]), step(Promise.resolve(one)), { takeSingle: true }), 'yotta-1');
    const asked = new ScriptedInput([{ id: 'account', pick: 'Yotta' }]);
    assert.equal(await pickOne(asked, step(one)), 'yotta-1');
    assert.equal(asked.asked.length, 1, 'asked when not told to take it');
    const disabled = new ScriptedInput([{ id: 'account', pick: undefined }]);
    await assert.rejects(
      pickOne(disabled, step([{ ...accounts[0], disabledReason: 'sold out' }]), { takeSingle: true }),
      CancelledError,
    );
    assert.equal(disabled.asked.length, 1, 'a disabled single item is shown, not taken');
  });

  it('says why and cancels when there is nothing to pick, without showing an empty list', async () => {
    const said: string[] = [];
    const ui = new ScriptedInput([]);
    await assert.rejects(
      pickOne(ui, step([]), { whenEmpty: () => said.push('No pod where this can be done right now.') }),
      CancelledError,
    );
    assert.deepEqual(said, ['No pod where this can be done right now.']);
    assert.equal(ui.asked.length, 0);
  });
});

describe('inputOne', () => {
  it('returns the typed text; a dismissed box or Back cancels the command', async () => {
    const question = { id: 'label', title: 'Label' };
    assert.equal(await inputOne(new ScriptedInput([{ id: 'label', input: 'work' }]), question), 'work');
    for (const input of [undefined, 'BACK'] as const)
      await assert.rejects(inputOne(new ScriptedInput([{ id: 'label', input }]), question), CancelledError);
  });
});
