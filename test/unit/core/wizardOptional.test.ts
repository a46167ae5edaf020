import assert from 'node:assert/strict';
import { CachedLoad } from '../../../src/core/cachedLoad';
import type { Answers, CreateForm } from '../../../src/core/createForm';
import { NetworkError, UnexpectedResponseError } from '../../../src/core/errors';
import { runWizard } from '../../../src/ui/wizard';
import { ScriptedInput } from '../../support/scriptedInput';

/** GPU → volume to attach (optional list) → more volumes (optional multi-pick) → name. */
function form(volumes: () => Promise<string[]>, required = false): CreateForm<Answers> {
  const list = new CachedLoad(volumes);
  return {
    fields: [
      { kind: 'pick', id: 'gpu', title: 'GPU', options: async () => [{ label: 'RTX 4090', value: 'rtx4090' }] },
      {
        kind: 'pick',
        id: 'volume',
        title: 'Persistent volume',
        options: async () => [
          { label: 'None', value: 'none', picked: true },
          ...(await list.get()).map((v) => ({ label: v, value: `vol:${v}` })),
        ],
        optional: required ? undefined : { what: 'Volumes', without: { label: 'None', value: 'none' } },
      },
      {
        kind: 'multiPick',
        id: 'mounts',
        title: 'Volumes to mount',
        options: async () => (await list.get()).map((v) => ({ label: v, value: v })),
        optional: { what: 'Volumes' },
      },
      { kind: 'text', id: 'name', title: 'Name' },
    ],
    summarize: async (a) => [{ label: 'Volume', value: String(a.volume), fieldId: 'volume' }],
    create: async (a) => a,
  };
}

const ctx = { jupyterPassword: 'x' };

describe('runWizard: an optional list that fails does not stop the wizard', () => {
  it('says why the list is missing, cannot pick that line, and goes on without one', async () => {
    const logged: string[] = [];
    const failing = () =>
      Promise.reject(
        new UnexpectedResponseError(
          'Yotta Labs answered the volume list in an unexpected shape.',
          'data.list: expected array',
        ),
      );
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'volume', pick: 'None' },
      // A user ticking the "could not be loaded" line in a multi-pick still picks nothing.
      { id: 'mounts', pick: (items) => items },
      { id: 'name', input: 'trainer' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(ui, form(failing), ctx, {
      title: 'Create',
      confirmLabel: 'Create pod',
      log: (m) => logged.push(m),
    });
    assert.deepEqual(answers, { gpu: 'rtx4090', volume: 'none', mounts: [], name: 'trainer' });
    const volumeStep = ui.asked.find((q) => q.id === 'volume')!;
    const line = volumeStep.items![0];
    assert.equal(
      line.label,
      'Volumes could not be loaded: Yotta Labs answered the volume list in an unexpected shape.',
    );
    assert.ok(line.disabledReason, 'the line cannot be picked');
    assert.deepEqual(
      volumeStep.items!.filter((i) => !i.disabledReason).map((i) => i.label),
      ['None'],
    );
    assert.ok(ui.asked.find((q) => q.id === 'mounts')!.items![0].disabledReason);
    assert.ok(
      logged.some((m) => m.includes('data.list: expected array')),
      `the details go to the log: ${logged.join(' | ')}`,
    );
  });

  it('shows the list again once it loads (Back retries: a failure is not cached)', async () => {
    let calls = 0;
    const flaky = async () => {
      if (++calls === 1) throw new NetworkError('Could not reach Yotta Labs.');
      return ['data'];
    };
    const ui = new ScriptedInput([
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'volume', pick: 'BACK' },
      { id: 'gpu', pick: 'RTX 4090' },
      { id: 'volume', pick: 'data' },
      { id: 'mounts', pick: () => [] },
      { id: 'name', input: 'trainer' },
      { id: 'summary', pick: 'Create pod' },
    ]);
    const answers = await runWizard(ui, form(flaky), ctx, { title: 'Create', confirmLabel: 'Create pod' });
    assert.equal(answers?.volume, 'vol:data');
    assert.match(ui.asked[1].items![0].label, /^Volumes could not be loaded: Could not reach Yotta Labs\.$/);
  });

  it('a required list that fails still stops the wizard with its reason (there is nothing to go on with)', async () => {
    const ui = new ScriptedInput([{ id: 'gpu', pick: 'RTX 4090' }]);
    await assert.rejects(
      runWizard(
        ui,
        form(() => Promise.reject(new NetworkError('down')), true),
        ctx,
        { title: 'C', confirmLabel: 'Create pod' },
      ),
      /down/,
    );
  });
});
