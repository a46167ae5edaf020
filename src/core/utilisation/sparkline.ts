import { figuresOf, type UtilisationSample } from './model';
import { MAX_GAP_MS } from './idleRule';
import { HISTORY_MS } from './samples';

/**
 * The tooltip's picture of the last hour: the busiest GPU's utilisation (the figure the idle rule compares
 * with its threshold, so the line sits above the dashed threshold whenever any GPU is busy), memory in use
 * as a fainter line, and the threshold. An SVG in a data URI, so a MarkdownString `![](…)` shows it with no
 * webview. Only numbers go into it (no name, no reason, nothing a pod sent), and at most one point per pixel
 * column, so its size is bounded whatever the number of samples.
 */

export const SPARKLINE_WIDTH = 240;
export const SPARKLINE_HEIGHT = 48;
/** Upper bound on the SVG text (two full lines of points and the frame), checked by the unit tests. */
export const MAX_SPARKLINE_BYTES = 8 * 1024;

const GPU_COLOUR = '#3794ff';
const MEMORY_COLOUR = '#89d185';
const THRESHOLD_COLOUR = '#cca700';
const FRAME_COLOUR = '#808080';

export interface SparklineOptions {
  now: number;
  /** The span drawn, ending at `now`. */
  windowMs?: number;
  /** Drawn as a dashed line when given (the pod's idle rule). */
  thresholdPercent?: number;
  /** Readings further apart than this are not joined: the silence shows as a gap. */
  maxGapMs?: number;
}

interface Point {
  column: number;
  gpu: number;
  memory?: number;
  /** Not joined to the point before it. */
  breakBefore: boolean;
}

export function sparklineSvg(samples: readonly UtilisationSample[], options: SparklineOptions): string {
  const points = columns(samples, options);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SPARKLINE_WIDTH}" height="${SPARKLINE_HEIGHT}" viewBox="0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}">`,
    `<rect x="0.5" y="0.5" width="${SPARKLINE_WIDTH - 1}" height="${SPARKLINE_HEIGHT - 1}" fill="none" stroke="${FRAME_COLOUR}" stroke-opacity="0.4"/>`,
  ];
  const threshold = options.thresholdPercent;
  if (threshold !== undefined && Number.isFinite(threshold)) {
    const y = yOf(threshold);
    parts.push(
      `<line x1="0" y1="${y}" x2="${SPARKLINE_WIDTH}" y2="${y}" stroke="${THRESHOLD_COLOUR}" stroke-width="1" stroke-dasharray="3 3"/>`,
    );
  }
  const memory = pathOf(points, (p) => p.memory);
  if (memory) parts.push(line(memory, MEMORY_COLOUR, 0.7));
  const gpu = pathOf(points, (p) => p.gpu);
  if (gpu) parts.push(line(gpu, GPU_COLOUR, 1));
  parts.push('</svg>');
  return parts.join('');
}

export function sparklineDataUri(samples: readonly UtilisationSample[], options: SparklineOptions): string {
  return `data:image/svg+xml;base64,${Buffer.from(sparklineSvg(samples, options), 'utf8').toString('base64')}`;
}

/** One point per pixel column (the highest reading in it), with the breaks where readings stopped. */
function columns(samples: readonly UtilisationSample[], options: SparklineOptions): Point[] {
  const windowMs = options.windowMs ?? HISTORY_MS;
  const maxGap = options.maxGapMs ?? MAX_GAP_MS;
  const start = options.now - windowMs;
  const inWindow = samples
    .filter((s) => Number.isFinite(s.at) && s.at >= start && s.at <= options.now)
    .sort((a, b) => a.at - b.at);
  const points: Point[] = [];
  let lastAt: number | undefined;
  let broken = false;
  for (const sample of inWindow) {
    const figures = figuresOf(sample);
    if (!figures) {
      broken = true;
      continue;
    }
    const column = Math.min(SPARKLINE_WIDTH - 1, Math.floor(((sample.at - start) / windowMs) * SPARKLINE_WIDTH));
    const memory =
      figures.memoryTotalMiB && figures.memoryUsedMiB !== undefined
        ? Math.min(100, (figures.memoryUsedMiB / figures.memoryTotalMiB) * 100)
        : undefined;
    const last = points[points.length - 1];
    if (last && last.column === column) {
      // A break narrower than a pixel cannot be drawn; the column keeps its highest reading.
      last.gpu = Math.max(last.gpu, figures.maxPercent);
      if (memory !== undefined) last.memory = Math.max(last.memory ?? 0, memory);
    } else {
      const breakBefore = broken || lastAt === undefined || sample.at - lastAt > maxGap;
      points.push({ column, gpu: figures.maxPercent, memory, breakBefore });
    }
    lastAt = sample.at;
    broken = false;
  }
  return points;
}

function pathOf(points: readonly Point[], value: (p: Point) => number | undefined): string {
  const out: string[] = [];
  let joined = false;
  points.forEach((p, i) => {
    const v = value(p);
    if (v === undefined) {
      joined = false;
      return;
    }
    const move = p.breakBefore || !joined;
    const next = points[i + 1];
    const alone = move && (!next || next.breakBefore || value(next) === undefined);
    // A lone reading gets a one-pixel stroke so it shows.
    out.push(`${move ? 'M' : 'L'}${p.column} ${yOf(v)}${alone ? 'h1' : ''}`);
    joined = true;
  });
  return out.join('');
}

function line(d: string, colour: string, opacity: number): string {
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-opacity="${opacity}" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>`;
}

/** 100 % at the top, 0 % at the bottom, one pixel inside the frame; one decimal. */
function yOf(percent: number): number {
  const p = Math.min(100, Math.max(0, percent));
  return Math.round((1 + ((100 - p) / 100) * (SPARKLINE_HEIGHT - 2)) * 10) / 10;
}
