import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import type { IdleRuleState } from '../../../src/core/utilisation/idleRule';
import { idleSummary } from '../../../src/core/utilisation/idleSummary';
import { gpuPercentText, idleRuleText, idleStatusText, utilisationMarkdown } from '../../../src/views/utilisationText';
import { down, gpus, MINUTE, minutes, T0 } from '../core/utilisation/samples';

const running = (pricePerHour?: number): Pick<Pod, 'name' | 'status' | 'pricePerHour'> => ({
  name: 'p',
  status: 'running',
  pricePerHour,
});
const idle = { kind: 'idle' as const, since: T0, minutes: 40 };

describe('GPU utilisation where people look: row, tooltip, status bar', () => {
  it('the row shows the busiest GPU now, rounded', () => {
    assert.equal(gpuPercentText(gpus(T0, 3, 71.6), T0 + MINUTE), 'GPU 72%');
  });

  it('the row shows no figure when the reading is stale, missing, or a GPU did not report', () => {
    assert.equal(gpuPercentText(gpus(T0, 50), T0 + 10 * MINUTE), undefined);
    assert.equal(gpuPercentText(undefined, T0), undefined);
    assert.equal(gpuPercentText(down(T0), T0), undefined);
    assert.equal(gpuPercentText(gpus(T0, 50, undefined), T0), undefined);
  });

  it('the tooltip holds the last hour as an SVG image from a data URI, and memory used of total', () => {
    const md = utilisationMarkdown(minutes(0, 59, 40, 10), T0 + 59 * MINUTE, 5)!;
    assert.match(md, /!\[GPU utilisation, last hour\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    // Our own words are escaped too (the Markdown shows them as written).
    assert.ok(md.replace(/\\/g, '').includes('GPU 40% · memory 2.9 / 156.3 GiB (now)'), md);
  });

  it('says why there is no reading, with the pod’s words made inert (no link, no image)', () => {
    const md = utilisationMarkdown(
      [down(T0, 'ssh: [click](command:gpuPods.terminatePod) ![x](https://evil.example/x.png)')],
      T0,
    )!;
    assert.match(md, /^Utilisation unavailable:/);
    assert.ok(!md.includes('[click](') && !md.includes('![x]('), md);
    assert.ok(!md.includes('data:image'), 'no picture without a single figure');
  });

  it('the tooltip has no utilisation block for a pod never sampled', () => {
    assert.equal(utilisationMarkdown([], T0), undefined);
  });

  it('the status bar reads "2 idle · $3.10/h", says unpriced pods, and hides when nothing is idle', () => {
    assert.equal(
      idleStatusText(
        idleSummary([
          { pod: running(1.55), verdict: idle },
          { pod: running(1.55), verdict: idle },
        ]),
      ),
      '2 idle · $3.10/h',
    );
    assert.equal(
      idleStatusText(
        idleSummary([
          { pod: running(2), verdict: idle },
          { pod: running(), verdict: idle },
        ]),
      ),
      '2 idle · $2.00/h + 1 price unknown',
    );
    assert.equal(idleStatusText(idleSummary([{ pod: running(), verdict: idle }])), '1 idle · price unknown');
    assert.equal(
      idleStatusText(
        idleSummary([
          { pod: running(3), verdict: { kind: 'busy' } },
          { pod: running(3), verdict: { kind: 'unknown', why: 'no reading yet' } },
        ]),
      ),
      undefined,
    );
  });

  it('the tooltip row of an idle rule says the rule and where the pod stands', () => {
    const state: IdleRuleState = {
      accountId: 'a',
      cloud: 'yotta',
      podId: 'p',
      podName: 'p',
      rule: { thresholdPercent: 5, forMinutes: 30 },
      setAt: T0,
    };
    assert.equal(idleRuleText(state, idle, T0), 'stop below 5% for 30 min · idle for 40 min');
    assert.equal(
      idleRuleText(state, { kind: 'unknown', why: 'no reading for 12m' }, T0),
      'stop below 5% for 30 min · not judged: no reading for 12m',
    );
    assert.match(idleRuleText({ ...state, snoozedUntil: T0 + 60 * MINUTE }, idle, T0), /kept running for 1h/);
  });
});
