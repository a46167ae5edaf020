import assert from 'node:assert/strict';
import type { Answers, CreateForm, PickField } from '../../../src/core/createForm';
import { systemClock } from '../../../src/core/clock';
import { ConfigError } from '../../../src/core/errors';
import { KeyGate } from '../../../src/core/keyGate';
import type { Logger } from '../../../src/core/logger';
import type { Pod } from '../../../src/core/model';
import type { Provider } from '../../../src/core/provider';
import type { SavedImage } from '../../../src/core/savedImages';
import { CLOUDS } from '../../../src/providers/clouds';
import { buildAccountProvider } from '../../../src/providers/deps';
import { createNovitaProvider } from '../../../src/providers/novita';
import { KEY, type NovitaHarness, startNovitaHarness } from '../../simulator/novita/harness';

const PASSWORD = 'ghp_NovitaSecret-5521';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: unknown, ...a: unknown[]) => lines.push([m, ...a].map(String).join(' '));
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

const answers = (extra: Answers = {}): Answers => ({
  productId: 'prod-4090',
  gpuNum: 1,
  clusterId: '',
  image: 'registry.example.com/team/env:v1',
  rootfsSize: '50',
  diskSize: '0',
  jupyter: false,
  ports: '',
  networkStorages: [],
  name: 'private-pod',
  ...extra,
});

describe('Novita registry credentials and saved images: the requests the cloud receives', () => {
  let h: NovitaHarness;
  let logger: ReturnType<typeof recordingLogger>;
  let provider: Provider;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => {
    h.sim.reset();
    logger = recordingLogger();
    provider = buildAccountProvider(
      createNovitaProvider,
      { apiKey: KEY, baseUrls: { base: h.sim.baseUrl('novita') }, options: {} },
      new KeyGate(CLOUDS.novita.rateLimit, { clock: systemClock }),
      logger,
      { backoffMs: 5, timeoutMs: 5000 },
    );
  });

  const bodies = (path: string) => h.sim.requestsFor('novita', 'POST', path).map((r) => r.body);
  const noPasswordLogged = () => {
    for (const line of logger.lines) assert.ok(!line.includes(PASSWORD), `log shows the password: ${line}`);
  };

  async function loadedForm(saved: SavedImage[] = []): Promise<CreateForm<Pod>> {
    const form = provider.createForm({ savedImages: saved });
    await (form.fields.find((f) => f.id === 'productId') as PickField).options({});
    return form;
  }

  it('saves a credential with exactly name, username and password, and finds its id in the list', async () => {
    const made = await provider.credentials!.create({ name: 'work', username: 'ci-bot', password: PASSWORD });
    assert.deepEqual(bodies('/repository/auth/save'), [{ name: 'work', username: 'ci-bot', password: PASSWORD }]);
    assert.equal(made.name, 'work');
    assert.equal(made.detail, 'ci-bot');
    assert.equal(made.id, h.control.state.registryAuths[0].id);
    noPasswordLogged();
  });

  it('lists credentials by name and user name: the password Novita sends back is neither kept nor logged', async () => {
    h.control.state.registryAuths.push({ id: 'ra-1', name: 'hub', username: 'me', password: PASSWORD });
    const list = await provider.credentials!.list();
    assert.deepEqual(list, [{ id: 'ra-1', name: 'hub', detail: 'me' }]);
    assert.ok(!JSON.stringify(list).includes(PASSWORD));
    noPasswordLogged();
  });

  it('deletes by id, and documents no update (none is offered)', async () => {
    h.control.state.registryAuths.push({ id: 'ra-1', name: 'hub', username: 'me', password: 'x' });
    await provider.credentials!.delete('ra-1');
    assert.deepEqual(bodies('/repository/auth/delete'), [{ id: 'ra-1' }]);
    assert.equal(provider.credentials!.update, undefined);
  });

  it('creates an instance with imageAuthId (never imageAuth, which would carry the password)', async () => {
    h.control.state.registryAuths.push({ id: 'ra-1', name: 'hub', username: 'me', password: PASSWORD });
    const form = await loadedForm();
    await form.create(answers({ imageAuthId: 'ra-1' }), { jupyterPassword: 'j' });
    const [body] = bodies('/gpu/instance/create') as Array<Record<string, unknown>>;
    assert.equal(body.imageUrl, 'registry.example.com/team/env:v1');
    assert.equal(body.imageAuthId, 'ra-1');
    assert.ok(!('imageAuth' in body));
    const summary = await form.summarize(answers({ imageAuthId: 'ra-1' }), { jupyterPassword: 'j' });
    assert.equal(summary.find((l) => l.label === 'Registry credential')!.value, 'hub');
    assert.ok(!JSON.stringify(summary).includes(PASSWORD));
  });

  it('refuses a private-registry image without a credential before anything is sent', async () => {
    const form = await loadedForm();
    const e = await form.create(answers(), { jupyterPassword: 'j' }).catch((x: unknown) => x);
    assert.ok(e instanceof ConfigError, String(e));
    assert.match(e.message, /^Not sent: "registry\.example\.com\/team\/env:v1" needs a registry credential/);
    assert.equal(bodies('/gpu/instance/create').length, 0);
    // The user's answer that the image is public lets it through.
    await form.create(answers({ imageAuthId: ':public' }), { jupyterPassword: 'j' });
    assert.equal(bodies('/gpu/instance/create').length, 1);
  });

  it('saves an image with instanceId, image and registryAuthId, and follows the job to success', async () => {
    const id = h.control.seedInstance({ name: 'keep-me' });
    h.control.state.registryAuths.push({ id: 'ra-1', name: 'hub', username: 'me', password: 'x' });
    const saves = provider.imageSaves!;
    const jobId = await saves.save(id, 'registry.example.com/team/keep-me:v1', 'ra-1');
    assert.deepEqual(bodies('/job/save/image'), [
      { instanceId: id, image: 'registry.example.com/team/keep-me:v1', registryAuthId: 'ra-1' },
    ]);
    const states: string[] = [];
    for (let i = 0; i < 200; i++) {
      const job = await saves.job(jobId);
      states.push(job!.rawState);
      if (job!.state === 'done') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(states.at(-1), 'success');
    assert.ok(
      h.sim
        .requestsFor('novita', 'GET', '/jobs')
        .every((r) => r.query.includes(`jobId=${jobId}`) && r.query.includes('type=saveImage')),
    );
  });

  it('offers saved images in the image step, then the credential they were saved with', async () => {
    h.control.state.registryAuths.push({ id: 'ra-1', name: 'hub', username: 'me', password: 'x' });
    const saved: SavedImage[] = [
      {
        image: 'registry.example.com/team/keep-me:v1',
        credentialId: 'ra-1',
        jobId: 'j1',
        podName: 'keep-me',
        savedAt: 1,
        done: true,
      },
    ];
    const form = await loadedForm(saved);
    const images = await (form.fields.find((f) => f.id === 'image') as PickField).options({});
    const option = images.find((o) => o.value === 'registry.example.com/team/keep-me:v1');
    assert.equal(option?.label, 'Saved: registry.example.com/team/keep-me:v1');
    assert.equal(option?.description, 'from keep-me');
    const creds = await (form.fields.find((f) => f.id === 'imageAuthId') as PickField).options({
      image: option!.value,
    });
    assert.deepEqual(
      creds.map((c) => [c.label, !!c.picked]),
      [['hub', true]],
      'no "None": it was saved to a private registry',
    );
  });
});
