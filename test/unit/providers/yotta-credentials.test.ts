import assert from 'node:assert/strict';
import type { Answers, PickField } from '../../../src/core/createForm';
import { systemClock } from '../../../src/core/clock';
import { CloudError, ConfigError } from '../../../src/core/errors';
import { KeyGate } from '../../../src/core/keyGate';
import type { Logger } from '../../../src/core/logger';
import type { Provider } from '../../../src/core/provider';
import { CLOUDS } from '../../../src/providers/clouds';
import { buildAccountProvider } from '../../../src/providers/deps';
import { createYottaProvider } from '../../../src/providers/yotta';
import { startYotta, TEST_KEY, type YottaHarness } from '../../simulator/yotta/harness';

const PASSWORD = 'dckr_pat_Secret-9931';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: unknown, ...a: unknown[]) => lines.push([m, ...a].map(String).join(' '));
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

const privateImage: Answers = {
  gpu: 'NVIDIA_RTX_4090_24G',
  gpuCount: 1,
  region: 'us-east-1',
  image: 'registry.example.com/team/env:v1',
  containerDisk: '60',
  volume: 'none',
  ports: ['22/SSH'],
  name: 'private-one',
};

describe('Yotta registry credentials: the requests the cloud receives', () => {
  let h: YottaHarness;
  let logger: ReturnType<typeof recordingLogger>;
  let provider: Provider;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => {
    h.sim.reset();
    logger = recordingLogger();
    provider = buildAccountProvider(
      createYottaProvider,
      { apiKey: TEST_KEY, baseUrls: { base: h.sim.baseUrl('yotta') }, options: {} },
      new KeyGate(CLOUDS.yotta.rateLimit, { clock: systemClock }),
      logger,
      { backoffMs: 5, timeoutMs: 2000 },
    );
  });

  const bodies = (method: string, path: string) => h.sim.requestsFor('yotta', method, path).map((r) => r.body);

  it('adds a credential with exactly name, type, username and password; the password is in no log line', async () => {
    const made = await provider.credentials!.create({
      name: 'work-registry',
      username: 'ci-bot',
      password: PASSWORD,
      kind: 'PRIVATE',
    });
    assert.deepEqual(bodies('POST', '/v2/container-registry-auths'), [
      { name: 'work-registry', type: 'PRIVATE', username: 'ci-bot', password: PASSWORD },
    ]);
    assert.deepEqual(made, { id: '120', name: 'work-registry', detail: 'PRIVATE' });
    const listed = await provider.credentials!.list();
    assert.ok(listed.some((c) => c.id === '120' && c.name === 'work-registry'));
    for (const line of logger.lines) assert.ok(!line.includes(PASSWORD), `log shows the password: ${line}`);
  });

  it('updates only the fields given (PATCH), and deletes by id', async () => {
    await provider.credentials!.update!('101', { username: 'new-user', password: PASSWORD });
    assert.deepEqual(bodies('PATCH', '/v2/container-registry-auths/101'), [
      { username: 'new-user', password: PASSWORD },
    ]);
    assert.equal(h.control.state.credentials.get('101')!.username, 'new-user');
    await provider.credentials!.delete('101');
    assert.equal(h.sim.requestsFor('yotta', 'DELETE', '/v2/container-registry-auths/101').length, 1);
    assert.ok(!h.control.state.credentials.has('101'));
    for (const line of logger.lines) assert.ok(!line.includes(PASSWORD), `log shows the password: ${line}`);
  });

  it('says plainly that a credential a pod uses cannot be deleted (Yotta answers 409)', async () => {
    await provider.createForm().create({ ...privateImage, registryAuth: '101' }, { jupyterPassword: 'j' });
    const e = await provider.credentials!.delete('101').catch((x: unknown) => x);
    assert.ok(e instanceof CloudError);
    assert.equal(e.message, 'Yotta Labs keeps the credential: a pod or endpoint still uses it.');
  });

  it('creates a pod from a private image with the credential and imagePublicType PRIVATE', async () => {
    await provider.createForm().create({ ...privateImage, registryAuth: '101' }, { jupyterPassword: 'j' });
    const [body] = bodies('POST', '/v2/pods') as Array<Record<string, unknown>>;
    assert.equal(body.image, 'team/env:v1');
    assert.equal(body.imageRegistry, 'registry.example.com');
    assert.equal(body.containerRegistryAuthId, 101);
    assert.equal(body.imagePublicType, 'PRIVATE');
  });

  it('refuses a private-registry image without a credential before anything is sent, and says why', async () => {
    const form = provider.createForm();
    const e = await form.create({ ...privateImage }, { jupyterPassword: 'j' }).catch((x: unknown) => x);
    assert.ok(e instanceof ConfigError, String(e));
    assert.equal(
      e.message,
      'Not sent: "registry.example.com/team/env:v1" needs a registry credential (registry.example.com is not a public registry): pick one or add one in the image step.',
    );
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/pods').length, 0);
    const summary = await form.summarize({ ...privateImage }, { jupyterPassword: 'j' });
    assert.match(summary.find((l) => l.label === 'Not sent')!.value, /needs a registry credential/);
  });

  it('a v1 account, which passes no credential, refuses a private-registry image and says how to pass one', async () => {
    const v1 = h.provider({ apiVersion: 'v1' });
    const e = await v1
      .createForm()
      .create({ ...privateImage }, { jupyterPassword: 'j' })
      .catch((x: unknown) => x);
    assert.ok(e instanceof ConfigError, String(e));
    assert.match(
      e.message,
      /none can be given: Yotta Labs v1 accounts take no registry credential from GPU Pods \(set gpuPods\.yotta\.apiVersion to v2\)\.$/,
    );
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/openapi/v1/pods/create').length, 0);
  });

  it('the image step adds a credential inline and answers with its id', async () => {
    const step = provider.createForm().fields.find((f) => f.id === 'registryAuth') as PickField;
    const asked: string[] = [];
    const id = await step.inline!.run(
      {
        text: async (q) => (
          asked.push(q.id),
          q.id === 'credentialPassword' ? PASSWORD : q.id === 'credentialName' ? 'reg' : 'me'
        ),
        pick: async <T>(q: { id: string; options: Array<{ value: T }> }) => (asked.push(q.id), q.options[4].value),
      },
      privateImage,
    );
    assert.deepEqual(asked, ['credentialKind', 'credentialName', 'credentialUsername', 'credentialPassword']);
    assert.deepEqual(bodies('POST', '/v2/container-registry-auths'), [
      { name: 'reg', type: 'PRIVATE', username: 'me', password: PASSWORD },
    ]);
    const options = await step.options({ ...privateImage, registryAuth: id });
    assert.ok(
      options.some((o) => o.value === id && o.label === 'reg'),
      'the new credential is listed',
    );
  });

  it('on a private registry the credential comes first and "None" is the answer that the image is public', async () => {
    const step = provider.createForm().fields.find((f) => f.id === 'registryAuth') as PickField;
    const options = await step.options(privateImage);
    assert.deepEqual(
      options.map((o) => [o.label, !!o.picked]),
      [
        ['my-docker-hub', true],
        ['None: the image is public', false],
      ],
    );
  });
});
