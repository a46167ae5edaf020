import assert from 'node:assert/strict';
import { initialActive, type PickItem } from '../../../src/ui/prompts';

const gpus: PickItem<string>[] = [
  { label: 'RTX 4090', value: 'rtx4090', disabledReason: 'Sold out in every region' },
  { label: 'RTX 5090', value: 'rtx5090' },
  { label: 'H100', value: 'h100' },
];

describe('initialActive: the item a pick opens on', () => {
  it('is the first item that can be picked when the first listed one is sold out', () => {
    assert.equal(initialActive(gpus)?.label, 'RTX 5090');
  });

  it('is the previous answer (or the default) when it can still be picked', () => {
    assert.equal(initialActive(gpus.map((g) => ({ ...g, picked: g.value === 'h100' })))?.label, 'H100');
  });

  it('never a previous answer that is sold out now: the first that can be picked instead', () => {
    assert.equal(initialActive(gpus.map((g) => ({ ...g, picked: g.value === 'rtx4090' })))?.label, 'RTX 5090');
  });

  it('none when nothing can be picked', () => {
    assert.equal(initialActive(gpus.slice(0, 1)), undefined);
  });
});
