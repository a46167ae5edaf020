import assert from 'node:assert/strict';
import { checks } from './checks';

const CLOUDS = ['yotta', 'novita'];

/** A metafile as esbuild writes it, reduced to what the guard reads: each output's inputs. */
function metafile(outputs: Record<string, string[]>) {
  return {
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([file, inputs]) => [
        file,
        { inputs: Object.fromEntries(inputs.map((i) => [i, { bytesInOutput: 10 }])) },
      ]),
    ),
  };
}

const clean = {
  'dist/extension.js': ['src/extension.ts', 'src/startup.ts'],
  'dist/gpuPods.js': [
    'src/gpuPods.ts',
    'src/providers/clouds.ts',
    'src/providers/yotta/info.ts',
    'src/providers/novita/info.ts',
  ],
  'dist/clouds/yotta.js': [
    'src/providers/yotta/index.ts',
    'src/providers/yotta/api.ts',
    'src/providers/deps.ts',
    'shared-core:http',
  ],
  'dist/clouds/novita.js': ['src/providers/novita/index.ts', 'src/providers/novita/info.ts'],
};

describe('the bundle guard (scripts/checks/bundleGuard.mjs)', () => {
  it('passes bundles that keep each cloud to itself, and info.ts files in the main bundles', async () => {
    const { guardBundles } = await checks();
    assert.deepEqual(guardBundles(metafile(clean), CLOUDS), []);
  });

  it("fails a cloud bundle that carries another cloud's code, or the registry", async () => {
    const { guardBundles } = await checks();
    const problems = guardBundles(
      metafile({
        ...clean,
        'dist/clouds/novita.js': [
          'src/providers/novita/index.ts',
          'src/providers/yotta/mapping.ts',
          'src/providers/clouds.ts',
        ],
      }),
      CLOUDS,
    );
    assert.deepEqual(problems, [
      'dist/clouds/novita.js carries src/providers/yotta/mapping.ts: cloud "yotta"\'s code in the "novita" bundle',
      'dist/clouds/novita.js carries the registry src/providers/clouds.ts, and with it every cloud',
    ]);
  });

  it('fails a main bundle that carries cloud code beyond info.ts (a cloud left out of the lazy modules)', async () => {
    const { guardBundles } = await checks();
    const problems = guardBundles(
      metafile({ ...clean, 'dist/gpuPods.js': [...clean['dist/gpuPods.js'], 'src/providers/novita/api.ts'] }),
      CLOUDS,
    );
    assert.deepEqual(problems, [
      'dist/gpuPods.js carries src/providers/novita/api.ts: cloud "novita"\'s code belongs in dist/clouds/novita.js (only its info.ts may be in the main bundles)',
    ]);
  });

  it('fails when a registered cloud got no bundle', async () => {
    const { guardBundles } = await checks();
    assert.deepEqual(guardBundles(metafile(clean), [...CLOUDS, 'sixth']), [
      'cloud "sixth" is registered but the build wrote no dist/clouds/sixth.js',
    ]);
  });
});
