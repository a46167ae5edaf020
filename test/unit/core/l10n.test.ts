import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as L10nScript from '../../../scripts/l10n.mjs';
import { errorForStatus } from '../../../src/core/httpErrors';
import { l10n, setTranslator, type Translator } from '../../../src/core/l10n';
import { userMessage } from '../../../src/core/errors';
import { bareErrorMessages } from '../l10nChecks';

const root = join(__dirname, '../../../..');
const script = () => import(pathToFileURL(join(root, 'scripts/l10n.mjs')).href) as Promise<typeof L10nScript>;

describe('translation (src/core/l10n.ts, l10n/bundle.l10n.json)', function () {
  this.timeout(60_000);

  it('formats English like vscode.l10n.t: positional, named and options arguments, unknown keys kept', () => {
    assert.equal(l10n.t('{0} running · {1}', 3, '$4.12/h'), '3 running · $4.12/h');
    assert.equal(l10n.t('{0} is {0}', 'x'), 'x is x');
    assert.equal(l10n.t('{name} has {count} pods', { name: 'Yotta', count: 0 }), 'Yotta has 0 pods');
    assert.equal(l10n.t({ message: 'Stop {0}?', args: ['gpu-1'], comment: 'a pod name' }), 'Stop gpu-1?');
    assert.equal(l10n.t('{0} and {1}', 'only one'), 'only one and {1}');
    assert.equal(l10n.t('no placeholders {here}'), 'no placeholders {here}');
    assert.equal(l10n.t('{0}', false), 'false');
  });

  it('routes core and cloud messages through the translator VS Code binds', () => {
    const seen: unknown[][] = [];
    setTranslator(((...params: unknown[]) => {
      seen.push(params);
      return `«${String(params[0])}»`;
    }) as Translator);
    try {
      assert.equal(userMessage(new Error('boom')), '«Something went wrong; see the GPU Pods log for details.»');
      const e = errorForStatus(
        'Yotta Labs',
        { status: 401, headers: new Headers(), body: {} },
        {
          method: 'GET',
          path: '/v2/pods',
          what: 'list pods',
        },
      );
      assert.equal(e.message, '«{0} refused the API key (HTTP {1}).»');
      assert.deepEqual(seen.at(-1), ['{0} refused the API key (HTTP {1}).', 'Yotta Labs', 401]);
    } finally {
      setTranslator();
    }
  });

  it('the committed l10n/bundle.l10n.json is what `npm run l10n` extracts from src/ now', async () => {
    const { exportStrings, bundleText } = await script();
    const fresh = bundleText(await exportStrings(root));
    const committed = readFileSync(join(root, 'l10n/bundle.l10n.json'), 'utf8');
    assert.ok(
      committed === fresh,
      'l10n/bundle.l10n.json is stale: run `npm run l10n` and commit it (a new or changed string is missing)',
    );
    // Core and cloud strings are in it, not only the vscode.l10n.t ones.
    const bundle = JSON.parse(committed) as Record<string, unknown>;
    for (const message of [
      'Something went wrong; see the GPU Pods log for details.',
      '{0} refused the API key (HTTP {1}).',
      'GPUGeek refused the API token (not logged in, or the token expired or was revoked).',
      'Organisation id',
      'starting',
    ])
      assert.ok(message in bundle, `"${message}" is in the bundle`);
  });

  it('no error in src/core or src/providers is built from a bare string: its message goes through l10n.t', () => {
    assert.deepEqual(bareErrorMessages(root), []);
  });
});
