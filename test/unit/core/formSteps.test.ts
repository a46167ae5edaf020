import assert from 'node:assert/strict';
import { answerStrings } from '../../../src/core/createForm';
import { countRange, gpuCountOptions } from '../../../src/core/formSteps/counts';
import { mustMatch, nameStep, slug } from '../../../src/core/formSteps/names';

describe('shared create-wizard steps', () => {
  it('slug: lower-case letters and digits joined by single hyphens, none at the ends', () => {
    assert.equal(slug('NVIDIA H100 (SXM)'), 'nvidia-h100-sxm');
    assert.equal(slug('  RTX 4090 / 24GB  '), 'rtx-4090-24gb');
    assert.equal(slug('--A100--80G--'), 'a100-80g');
    assert.equal(slug('(℃)'), '');
  });

  it('mustMatch: tests the trimmed value and answers with the rule message', () => {
    const check = mustMatch(/^[a-z]+$/, 'Letters only.');
    assert.equal(check('  pod  '), undefined);
    assert.equal(check('pod-1'), 'Letters only.');
    assert.equal(check(''), 'Letters only.');
  });

  it('nameStep: a "Name" text step answering `name`, with the cloud default and rule', () => {
    const step = nameStep({
      prompt: 'Pod name',
      initial: (a) => `${String(a.gpu)}-pod`,
      validate: (v) => v && undefined,
    });
    assert.equal(step.kind, 'text');
    assert.equal(step.id, 'name');
    assert.equal(step.title, 'Name');
    assert.equal(step.prompt, 'Pod name');
    assert.equal(step.initial?.({ gpu: 'h100' }), 'h100-pod');
    assert.equal('prompt' in nameStep({ initial: () => 'x', validate: () => undefined }), false);
  });

  it('gpuCountOptions: one option per count, the first picked, with what the cloud adds', () => {
    assert.deepEqual(gpuCountOptions([1, 2, 4], 'GPU'), [
      { label: '1 × GPU', value: 1, picked: true },
      { label: '2 × GPU', value: 2, picked: false },
      { label: '4 × GPU', value: 4, picked: false },
    ]);
    const priced = gpuCountOptions([2, 3], 'H100', (n) => ({
      description: `$${n}.00/hour`,
      disabledReason: n > 2 ? 'only 2 free' : undefined,
    }));
    assert.deepEqual(priced[1], {
      label: '3 × H100',
      description: '$3.00/hour',
      disabledReason: 'only 2 free',
      value: 3,
      picked: false,
    });
    assert.equal(priced[0].picked, true);
  });

  it('countRange: both ends included, empty when the range is', () => {
    assert.deepEqual(countRange(2, 5), [2, 3, 4, 5]);
    assert.deepEqual(countRange(3, 3), [3]);
    assert.deepEqual(countRange(4, 3), []);
  });

  it('answerStrings: the strings of a multi-pick answer, nothing else', () => {
    assert.deepEqual(answerStrings({ v: ['a', 2, null, 'b'] }, 'v'), ['a', 'b']);
    assert.deepEqual(answerStrings({ v: 'a' }, 'v'), []);
    assert.deepEqual(answerStrings({}, 'v'), []);
  });
});
