import assert from 'node:assert/strict';
import { podsToForget, podsToSample, type SamplingCandidate } from '../../../../src/core/utilisation/sampling';

const PODS: SamplingCandidate[] = [
  { key: 'a/running', status: 'running' },
  { key: 'a/armed', status: 'running' },
  { key: 'a/stopped-armed', status: 'stopped' },
  { key: 'a/starting', status: 'provisioning' },
  { key: 'a/stopping', status: 'stopping' },
];

describe('utilisation sampling', () => {
  it('reads every running pod while the view is visible, and never a pod that is not running', () => {
    const armed = new Set(['a/stopped-armed']);
    assert.deepEqual(podsToSample(PODS, { viewVisible: true, armed }), ['a/running', 'a/armed']);
  });

  it('with the view hidden, reads only running pods with an armed idle rule', () => {
    const armed = new Set(['a/armed', 'a/stopped-armed']);
    assert.deepEqual(podsToSample(PODS, { viewVisible: false, armed }), ['a/armed']);
    assert.deepEqual(podsToSample(PODS, { viewVisible: false, armed: new Set() }), []);
  });

  it('forgets the readings of pods that stopped or are gone', () => {
    assert.deepEqual(podsToForget(['a/running', 'a/stopped-armed', 'a/terminated'], PODS), [
      'a/stopped-armed',
      'a/terminated',
    ]);
  });
});
