import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudSettings } from '../../../src/providers/cloudInfo';
import { CLOUD_IDS } from '../../../src/core/cloudIds';
import { CLOUDS } from '../../../src/providers/clouds';
import { SIMULATED_CLOUDS, simulatorSettings } from '../../simulator/clouds';
import { checks, repoRoot } from './checks';

const manifest = () => JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('the cloud registry (src/providers/clouds.ts) and what is derived from it', () => {
  it('has one line per cloud folder, each loading its own folder', async () => {
    const { loadRegistry, checkRegistry, cloudFolders } = await checks();
    const registry = await loadRegistry(repoRoot);
    assert.deepEqual(checkRegistry(repoRoot, registry), []);
    assert.deepEqual(Object.keys(registry.clouds).sort(), cloudFolders(repoRoot).sort());
    assert.deepEqual(Object.keys(registry.clouds), CLOUD_IDS);
  });

  it("package.json contributes exactly every cloud's settings, with the registry's defaults", async () => {
    const { loadRegistry, checkManifest } = await checks();
    assert.deepEqual(checkManifest(manifest(), await loadRegistry(repoRoot)), []);
  });

  it('the manifest check names the cloud and the setting that is missing, extra or off', async () => {
    const { loadRegistry, checkManifest, CLOUD_CATEGORY, ADVANCED_CATEGORY } = await checks();
    const registry = await loadRegistry(repoRoot);
    const m = manifest();
    const category = (id: string) =>
      (
        m.contributes.configuration as Array<{
          id: string;
          properties: Record<string, { type?: string; default?: unknown }>;
        }>
      ).find((c) => c.id === id)!.properties;
    const [clouds, advanced] = [category(CLOUD_CATEGORY), category(ADVANCED_CATEGORY)];
    delete advanced['gpuPods.neevcloud.inventoryUrl'];
    clouds['gpuPods.novita.region'] = { type: 'string' };
    advanced['gpuPods.yotta.baseUrl'].default = 'https://api.example';
    advanced['gpuPods.gone.baseUrl'] = { type: 'string' };
    clouds['gpuPods.gpugeek.baseUrl'] = advanced['gpuPods.gpugeek.baseUrl'];
    delete advanced['gpuPods.gpugeek.baseUrl'];
    const problems = checkManifest(m, registry).join('\n');
    assert.match(problems, /no setting gpuPods\.neevcloud\.inventoryUrl for cloud "neevcloud"/);
    assert.match(problems, /gpuPods\.novita\.region, a setting cloud "novita" does not read/);
    assert.match(
      problems,
      /gpuPods\.yotta\.baseUrl defaults to "https:\/\/api\.example", the registry's cloud "yotta" to "https:\/\/api\.yottalabs\.ai"/,
    );
    assert.match(problems, /gpuPods\.gone\.baseUrl, but no cloud "gone" is registered/);
    assert.match(problems, /gpuPods\.gpugeek\.baseUrl belongs in the settings category gpuPods\.advanced/);
  });

  it("points every registered cloud's base URLs at the simulator, and throws for a cloud it cannot point", () => {
    const settings = simulatorSettings('http://127.0.0.1:1');
    const expected = CLOUD_IDS.flatMap((id) =>
      cloudSettings(CLOUDS[id])
        .filter((s) => s.name.endsWith('Url'))
        .map((s) => `gpuPods.${id}.${s.name}`),
    );
    assert.deepEqual(Object.keys(settings).sort(), expected.sort());
    for (const value of Object.values(settings)) assert.match(value, /^http:\/\/127\.0\.0\.1:1\//);

    const { neevcloud: _left, ...withoutNeevCloud } = SIMULATED_CLOUDS;
    assert.throws(
      () => simulatorSettings('http://x', CLOUDS, withoutNeevCloud),
      /cloud "neevcloud" is registered but has no simulator/,
    );
    const noInventory = { ...SIMULATED_CLOUDS, neevcloud: { baseUrls: { base: '/neevcloud/gpu' } } };
    assert.throws(
      () => simulatorSettings('http://x', CLOUDS, noInventory),
      /no address for gpuPods\.neevcloud\.inventoryUrl/,
    );
    const extra = { ...SIMULATED_CLOUDS, other: { baseUrls: { base: '/other' } } };
    assert.throws(() => simulatorSettings('http://x', CLOUDS, extra), /cloud "other", which is not registered/);
  });

  it("keeps cloud names out of the UI code: per-cloud text lives in the cloud's info.ts", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const uiDirs = ['commands', 'views', 'services', 'ui'].map((d) => join(repoRoot, 'src', d));
    const offenders = uiDirs.flatMap(files).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return CLOUD_IDS.filter((id) => new RegExp(`['"\`]${id}['"\`]`).test(text)).map(
        (id) => `${file.slice(repoRoot.length + 1)} names '${id}'`,
      );
    });
    assert.deepEqual(offenders, []);
  });
});
