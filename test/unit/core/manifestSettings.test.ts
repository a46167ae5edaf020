import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WALKTHROUGH_KEYS } from '../../../src/views/walkthroughKeys';
import { paletteContext } from '../../../src/views/paletteKeys';

/*
 * What the Settings editor, the command palette and the walkthrough show a person, read from the manifest in
 * English (`%key%` resolved from package.nls.json), and held to what the code really does.
 */

const root = join(__dirname, '../../../..');
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** Every string VS Code translates from the code (the buttons and messages), by its English text. */
const bundle = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;

interface Setting {
  order?: number;
  description?: string;
  markdownDescription?: string;
}
interface Category {
  id?: string;
  title?: string;
  order?: number;
  properties: Record<string, Setting>;
}
interface Manifest {
  contributes: {
    configuration: Category | Category[];
    commands: Array<{ command: string; title: string }>;
    walkthroughs: Array<{ steps: Array<{ id: string; title: string; completionEvents?: string[] }> }>;
  };
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'), (_key, value) =>
  typeof value === 'string' && /^%[\w.-]+%$/.test(value) ? (nls[value.slice(1, -1)] ?? value) : value,
) as Manifest;
const configuration = manifest.contributes.configuration;
const categories = Array.isArray(configuration) ? configuration : [configuration];
const settings = categories.flatMap((c) => Object.entries(c.properties));
const describe_ = (s: Setting) => s.markdownDescription ?? s.description ?? '';

describe('package.json: the settings as the Settings editor lists them', () => {
  it('come in titled categories — Clouds, SSH and Jupyter, Spend and idle, Advanced — in that order, not one flat list', () => {
    assert.ok(Array.isArray(configuration), 'contributes.configuration is one flat list');
    const ordered = [...categories].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
    assert.deepEqual(
      ordered.map((c) => c.title),
      ['Clouds', 'SSH and Jupyter', 'Spend and idle', 'Advanced'],
    );
  });

  it('each setting has its place in its category (`order`), none shared', () => {
    for (const c of categories) {
      const orders = Object.entries(c.properties).map(([name, s]) => {
        assert.equal(typeof s.order, 'number', `${name} has no order`);
        return s.order;
      });
      assert.equal(new Set(orders).size, orders.length, `two settings of ${c.title} share an order`);
    }
  });

  it('lists the base URLs under Advanced, not first', () => {
    const advanced = categories.find((c) => c.title === 'Advanced');
    const urls = settings.filter(([name]) => /Url$/.test(name)).map(([name]) => name);
    assert.ok(urls.length >= 5, `only ${urls.length} URL settings found`);
    assert.deepEqual(
      urls.filter((name) => !(name in (advanced?.properties ?? {}))),
      [],
    );
  });

  it('a description that names a setting names one that exists, and never points "above" or "below" it', () => {
    const names = new Set(settings.map(([name]) => name));
    for (const [name, s] of settings) {
      const text = describe_(s);
      for (const [, ref] of text.matchAll(/#(gpuPods\.[\w.]+)#/g)) assert.ok(names.has(ref), `${name} names ${ref}`);
      // "below 5 %", "below it", "below `#…#`" are thresholds; "the rule above" is a position that can be false.
      assert.doesNotMatch(text, /\b(above|below)\b(?!\s+(it|this|`|\d|X\b))/i, `${name}: ${text}`);
    }
  });

  it('a command or button a description names in bold is one the user can find, with that exact name', () => {
    const titles = new Set(manifest.contributes.commands.map((c) => c.title));
    // The two kinds of automatic stop and the automatic delete, named as terms, not as something to click.
    const terms = new Set(['Stop timer', 'stop timer', 'GPU utilisation rule', 'delete-when-stopped rule']);
    for (const [name, s] of settings) {
      for (const [, bold] of describe_(s).matchAll(/\*\*([^*]+)\*\*/g)) {
        assert.ok(
          titles.has(bold) || bold in bundle || terms.has(bold),
          `${name} names **${bold}**, which nothing shows`,
        );
      }
    }
  });
});

describe('the two automatic stops keep their own words everywhere', () => {
  // "GPU utilisation rule" (stop when the GPUs are idle) and "stop timer" (stop after N hours, whatever the
  // GPUs do) read as the same thing when both are called "idle …".
  const idleWords = /\bidle (rule|timer|guard)s?\b/i;

  it('no command title, setting description or walkthrough text says "idle rule", "idle timer" or "idle guard"', () => {
    assert.deepEqual(
      Object.entries(nls).filter(([, text]) => idleWords.test(text)),
      [],
    );
  });

  it('no message, button or tooltip of the code says them either', () => {
    assert.deepEqual(
      Object.keys(bundle).filter((text) => idleWords.test(text)),
      [],
    );
  });

  it('the commands say which one they clear', () => {
    const title = (id: string) => manifest.contributes.commands.find((c) => c.command === id)?.title;
    assert.equal(title('gpuPods.clearIdleTimer'), 'Clear Stop Timer or Reminder');
    assert.equal(title('gpuPods.clearIdleRule'), 'Clear GPU Utilisation Rule');
  });
});

describe('package.json: the walkthrough ticks a step on what really happened', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;

  it('"Connect a GPU cloud", "Create a pod" and "Open it with Remote-SSH" complete on the context key their event sets, never on a command being run', () => {
    const steps = Object.fromEntries(walkthrough.steps.map((s) => [s.id, s.completionEvents]));
    assert.deepEqual(steps, {
      connect: [`onContext:${WALKTHROUGH_KEYS.connect}`],
      create: [`onContext:${WALKTHROUGH_KEYS.create}`],
      ssh: [`onContext:${WALKTHROUGH_KEYS.ssh}`],
    });
  });

  it('the "connected" key is the one startup sets from the stored accounts', () => {
    assert.ok(WALKTHROUGH_KEYS.connect in paletteContext([]));
  });
});
