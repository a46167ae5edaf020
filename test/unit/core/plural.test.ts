import assert from 'node:assert/strict';
import { hoursText, minutesText } from '../../../src/core/plural';

describe('counts of minutes and hours in a sentence', () => {
  it('reads "1 minute" and "1 hour" in the singular, every other count in the plural', () => {
    assert.equal(minutesText(1), '1 minute');
    assert.equal(minutesText(0), '0 minutes');
    assert.equal(minutesText(30), '30 minutes');
    assert.equal(hoursText(1), '1 hour');
    assert.equal(hoursText(1.5), '1.5 hours');
    assert.equal(hoursText(4), '4 hours');
  });
});
