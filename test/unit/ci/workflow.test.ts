// The CI workflow cannot run here (no Windows, no macOS): this reads it and checks that every desktop runs the
// tests and builds the .vsix. YAML is read by indentation, enough for the file's own shape (no new dependency).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Job {
  name: string;
  text: string;
  systems: string[];
  container?: string;
  /** Each step: its `run` command or `uses` action, and its `if`. */
  steps: Array<{ run?: string; uses?: string; if?: string; with: string }>;
}

function jobs(workflow: string): Job[] {
  const body = workflow.split(/^jobs:\n/m)[1] ?? '';
  return body
    .split(/^(?= {2}[\w-]+:\n)/m)
    .filter((block) => /^ {2}[\w-]+:\n/.test(block))
    .map((text) => {
      const value = (key: string) => new RegExp(`^ {4}${key}: *(.+)$`, 'm').exec(text)?.[1].trim();
      const matrix =
        /^ {8}os: *\[(.*)\]$/m
          .exec(text)?.[1]
          .split(',')
          .map((s) => s.trim()) ?? [];
      const runsOn = value('runs-on') ?? '';
      const steps = (text.split(/^ {4}steps:\n/m)[1] ?? '')
        .split(/^ {6}- /m)
        .slice(1)
        .map((step) => ({
          run: /(?:^|\n) *run: *(.+)/.exec(step)?.[1].trim(),
          uses: /(?:^|\n) *uses: *(.+)/.exec(step)?.[1].trim(),
          if: /(?:^|\n) *if: *(.+)/.exec(step)?.[1].trim(),
          with: step,
        }));
      return {
        name: /^ {2}([\w-]+):/.exec(text)![1],
        text,
        systems: runsOn.includes('matrix.os') ? matrix : [runsOn],
        container: value('container'),
        steps,
      };
    });
}

describe('CI on every desktop (.github/workflows/ci.yml)', () => {
  const workflow = read('.github/workflows/ci.yml');
  const all = jobs(workflow);
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  const runs = (job: Job) => job.steps.map((s) => s.run).filter((r): r is string => !!r);

  it('runs on Linux, Windows and macOS, on every push and pull request', () => {
    assert.deepEqual(all.flatMap((j) => j.systems).sort(), ['macos-latest', 'ubuntu-latest', 'windows-latest']);
    assert.match(workflow, /^on:\n(?: {2}\w+:\n)*? {2}push:\n/m);
    assert.match(workflow, /^ {2}pull_request:$/m);
  });

  it("Linux runs the README's test command (npm test through .ci/run) in Debian as root, as setup.sh expects", () => {
    const linux = all.find((j) => j.systems.includes('ubuntu-latest'))!;
    assert.ok(runs(linux).includes('bash .ci/run'), runs(linux).join(' | '));
    assert.match(read('.ci/run'), /^npm test$/m);
    assert.match(read('README.md'), /\| `npm test` \| everything \(CI runs it through `\.ci\/run`\)/);
    assert.match(linux.container ?? '', /bookworm/, 'scripts/setup.sh installs Debian packages with apt-get');
  });

  it('Windows and macOS run typecheck, lint, unit tests and the integration suite in VS Code through Electron', () => {
    const desktops = all.filter((j) => j.systems.some((s) => /windows|macos/.test(s)));
    assert.deepEqual(desktops.flatMap((j) => j.systems).sort(), ['macos-latest', 'windows-latest']);
    for (const job of desktops) {
      assert.ok(runs(job).includes('npm ci'));
      assert.ok(runs(job).includes('npm run test:desktop'), runs(job).join(' | '));
      assert.match(job.text, /core\.autocrlf false/, 'CRLF fixtures and Prettier need the bytes as committed');
    }
    assert.equal(
      scripts['test:desktop'],
      'npm run typecheck && npm run lint && npm run test:unit && npm run test:electron',
    );
    assert.match(scripts['test:electron'], /electron\.mjs/);
  });

  it('every system builds the .vsix and keeps it, and no step is allowed to fail quietly', () => {
    for (const job of all) {
      const packageAt = job.steps.findIndex((s) => s.run === 'npm run package');
      assert.ok(packageAt >= 0, `${job.name} builds the .vsix`);
      assert.equal(job.steps[packageAt].if, undefined, `${job.name} packages whatever the system`);
      const upload = job.steps.slice(packageAt).find((s) => s.uses?.startsWith('actions/upload-artifact'));
      assert.ok(upload && /path: '\*\.vsix'/.test(upload.with) && /if-no-files-found: error/.test(upload.with));
    }
    assert.doesNotMatch(workflow, /continue-on-error/);
  });
});
