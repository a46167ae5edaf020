import assert from 'node:assert/strict';
import type { UtilisationSample } from '../../../../src/core/utilisation/model';
import {
  MAX_SPARKLINE_BYTES,
  SPARKLINE_HEIGHT,
  SPARKLINE_WIDTH,
  sparklineDataUri,
  sparklineSvg,
} from '../../../../src/core/utilisation/sparkline';
import { down, gpus, minutes, MINUTE, T0 } from './samples';

const NOW = T0 + 60 * MINUTE;

/** Every element and attribute the sparkline may contain: anything else came from somewhere else. */
const ELEMENTS = new Set(['svg', 'rect', 'line', 'path']);
const ATTRIBUTES = new Set([
  'xmlns',
  'width',
  'height',
  'viewBox',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'd',
  'fill',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
]);

function assertOnlyOurMarkup(svg: string): void {
  const tags = [...svg.matchAll(/<\/?([a-zA-Z]+)([^>]*)>/g)];
  assert.equal(svg.replace(/<[^>]*>/g, ''), '', 'no text outside the tags');
  for (const [, name, attrs] of tags) {
    assert.ok(ELEMENTS.has(name), `element ${name}`);
    const text = attrs.replace(/\/$/, '').trim();
    for (const [, attr, value] of text.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      assert.ok(ATTRIBUTES.has(attr), `attribute ${attr}`);
      assert.match(value, /^[\w .#:/-]*$/, `value of ${attr}`);
    }
    assert.equal(text.replace(/([\w:-]+)="([^"]*)"/g, '').trim(), '', `nothing but attributes in <${name}>`);
  }
}

/** The path data of the GPU line (drawn last) as its sub-paths. */
function gpuRuns(svg: string): string[] {
  const d = [...svg.matchAll(/<path d="([^"]*)"/g)].pop()?.[1] ?? '';
  return d.split('M').filter(Boolean);
}

describe('utilisation sparkline', () => {
  it('is a fixed-size SVG in a base64 data URI a MarkdownString image can show', () => {
    const uri = sparklineDataUri(minutes(0, 60, 50), { now: NOW, thresholdPercent: 5 });
    assert.match(uri, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    const svg = Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('utf8');
    assert.match(svg, new RegExp(`^<svg [^>]*width="${SPARKLINE_WIDTH}" height="${SPARKLINE_HEIGHT}"`));
    assertOnlyOurMarkup(svg);
  });

  it('carries nothing the pod sent: names and reasons stay out', () => {
    const hostile: UtilisationSample[] = [
      {
        at: NOW - 2 * MINUTE,
        source: 'nvidia-smi',
        gpus: [{ index: 0, name: '<script>alert(1)</script>"/><text>hi</text>', utilisationPercent: 50 }],
      },
      down(NOW - MINUTE, '</svg><image href="https://evil/x"/>'),
      gpus(NOW, 40),
    ];
    const svg = sparklineSvg(hostile, { now: NOW });
    assert.doesNotMatch(svg, /script|evil|text|image/);
    assertOnlyOurMarkup(svg);
  });

  it('draws the threshold as a dashed line at its height', () => {
    const svg = sparklineSvg(minutes(0, 60, 1), { now: NOW, thresholdPercent: 50 });
    assert.match(svg, /<line x1="0" y1="24" x2="240" y2="24" [^>]*stroke-dasharray/);
    assert.doesNotMatch(sparklineSvg(minutes(0, 60, 1), { now: NOW }), /<line/);
  });

  it('plots the busiest GPU: 0 % at the bottom, 100 % at the top', () => {
    const svg = sparklineSvg([gpus(NOW - 2 * MINUTE, 0, 100), gpus(NOW - MINUTE, 0, 0)], { now: NOW });
    assert.deepEqual(gpuRuns(svg), ['232 1L236 47']);
  });

  it('a silence longer than the gap allowed, or an unreachable pod, is drawn as a gap', () => {
    const silent = [...minutes(0, 20, 50), ...minutes(40, 60, 50)];
    assert.equal(gpuRuns(sparklineSvg(silent, { now: NOW })).length, 2);
    const unreachable = minutes(0, 60, 50).map((s) => (s.at === T0 + 30 * MINUTE ? down(s.at) : s));
    assert.equal(gpuRuns(sparklineSvg(unreachable, { now: NOW })).length, 2);
    assert.equal(gpuRuns(sparklineSvg(minutes(0, 60, 50), { now: NOW })).length, 1);
  });

  it('a lone reading still shows as a dot', () => {
    assert.deepEqual(gpuRuns(sparklineSvg([gpus(NOW - 30 * MINUTE, 100)], { now: NOW })), ['120 1h1']);
  });

  it('draws memory in use as its own line', () => {
    const svg = sparklineSvg(minutes(0, 60, 0), { now: NOW });
    assert.equal([...svg.matchAll(/<path /g)].length, 2);
  });

  it('stays small whatever the number of samples, and leaves out what is outside the hour', () => {
    const many: UtilisationSample[] = [];
    for (let s = 0; s < 100_000; s++) {
      const at = NOW - 2 * 3_600_000 + s * 72;
      many.push(s % 7 === 0 ? down(at) : gpus(at, (s * 37) % 101, (s * 53) % 101));
    }
    const svg = sparklineSvg(many, { now: NOW, thresholdPercent: 5 });
    assert.ok(Buffer.byteLength(svg) <= MAX_SPARKLINE_BYTES, `${Buffer.byteLength(svg)} bytes`);
    assertOnlyOurMarkup(svg);
    const columns = gpuRuns(svg).flatMap((run) => run.split('L').map((p) => Number(p.split(' ')[0])));
    assert.ok(
      columns.every((x) => x >= 0 && x < SPARKLINE_WIDTH),
      'every point inside the picture',
    );
    assert.equal(new Set(columns).size, columns.length, 'one point per column');
  });

  it('draws an empty frame when there is nothing to plot', () => {
    const svg = sparklineSvg([], { now: NOW, thresholdPercent: 5 });
    assert.doesNotMatch(svg, /<path/);
    assertOnlyOurMarkup(svg);
  });
});
