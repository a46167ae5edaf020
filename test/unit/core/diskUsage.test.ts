import assert from 'node:assert/strict';
import { DiskAlarms, diskRows, diskText, diskWarningText } from '../../../src/core/diskUsage';
import type { DiskUsage } from '../../../src/core/model';

const GIB = 1024 ** 3;
const disk = (label: string, usedGb: number, totalGb: number): DiskUsage => ({
  label,
  usedBytes: usedGb * GIB,
  totalBytes: totalGb * GIB,
});

describe('disk usage: the words, and one warning per crossing of 90 %', () => {
  it('says used / size in GB with the share used', () => {
    assert.equal(diskText(disk('System disk', 12.1, 30)), '12.1 / 30 GB (40%)');
    assert.deepEqual(diskRows([disk('System disk', 27.3, 30), disk('Data', 0, 20)]), [
      ['System disk', '27.3 / 30 GB (91%) — nearly full'],
      ['Data', '0 / 20 GB (0%)'],
    ]);
    assert.deepEqual(
      diskRows([{ label: 'odd', usedBytes: 5, totalBytes: 0 }]),
      [],
      'a disk without a size is left out',
    );
  });

  it('the row warns for the fullest disk at or above 90 %, and not below', () => {
    assert.equal(diskWarningText([disk('a', 26, 30), disk('b', 19, 20)]), 'disk 95% full');
    assert.equal(diskWarningText([disk('a', 26.9, 30)]), undefined);
    assert.equal(diskWarningText(undefined), undefined);
  });

  it('warns once when a disk crosses the line, not on every reading, and again only after space was freed', () => {
    const alarms = new DiskAlarms();
    assert.deepEqual(alarms.update('acc/p1', [disk('System disk', 20, 30)]), []);
    assert.deepEqual(
      alarms.update('acc/p1', [disk('System disk', 27.5, 30)]).map((d) => d.label),
      ['System disk'],
    );
    assert.deepEqual(alarms.update('acc/p1', [disk('System disk', 28, 30)]), [], 'still full: no second warning');
    assert.deepEqual(alarms.update('acc/p1', [disk('System disk', 26.5, 30)]), [], '88 %: not re-armed yet');
    assert.deepEqual(alarms.update('acc/p1', [disk('System disk', 27.2, 30)]), [], 'hovering at the line warns once');
    assert.deepEqual(alarms.update('acc/p1', [disk('System disk', 15, 30)]), [], 'space freed: re-armed');
    assert.equal(alarms.update('acc/p1', [disk('System disk', 29, 30)]).length, 1, 'a new crossing warns again');
    assert.equal(alarms.update('acc/p2', [disk('System disk', 29, 30)]).length, 1, 'per pod');
  });

  it('forgets pods that are gone', () => {
    const alarms = new DiskAlarms();
    alarms.update('acc/p1', [disk('d', 29, 30)]);
    alarms.prune(new Set(['acc/other']));
    assert.equal(alarms.update('acc/p1', [disk('d', 29, 30)]).length, 1);
  });
});
