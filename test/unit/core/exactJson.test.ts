import assert from 'node:assert/strict';
import { parseJsonExact, quoteUnsafeIntegers } from '../../../src/core/exactJson';

describe('parseJsonExact', () => {
  it('keeps a 19-digit id exact instead of rounding it', () => {
    const body = parseJsonExact('{"code":10000,"data":[{"id":362740422811062272,"gpuCount":2}]}') as {
      data: Array<{ id: unknown; gpuCount: unknown }>;
    };
    assert.equal(body.data[0].id, '362740422811062272');
    assert.equal(body.data[0].gpuCount, 2);
  });

  it('leaves safe integers, floats, negative and exponent numbers as numbers', () => {
    // The last number is rounded on purpose: a float that is not an id stays what JSON.parse makes of it.
    assert.deepEqual(
      parseJsonExact('[9007199254740991, 1.5, -3, 1e21, 12345678901234567.5]'),
      JSON.parse('[9007199254740991, 1.5, -3, 1e21, 12345678901234567.5]'),
    );
  });

  it('quotes unsafe negative integers too', () => {
    assert.deepEqual(parseJsonExact('{"a":-9007199254740993}'), { a: '-9007199254740993' });
  });

  it('never touches digits inside strings, including escaped quotes', () => {
    const text = '{"s":"id 362740422811062272 \\" 99999999999999999999","n":99999999999999999999}';
    assert.deepEqual(parseJsonExact(text), {
      s: 'id 362740422811062272 " 99999999999999999999',
      n: '99999999999999999999',
    });
  });

  it('returns the text untouched when nothing needs quoting', () => {
    const text = '{"a":[1,2,3],"b":"x"}';
    assert.equal(quoteUnsafeIntegers(text), text);
  });

  it('still rejects invalid JSON', () => {
    assert.throws(() => parseJsonExact('{"a":'));
  });
});
