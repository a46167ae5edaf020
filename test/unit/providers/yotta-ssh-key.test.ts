import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Semaphore } from '../../../src/core/concurrency';
import { silentLogger } from '../../../src/core/logger';
import { nodeProcessRunner } from '../../../src/core/ssh/io';
import { createYottaProvider } from '../../../src/providers/yotta';
import { validateEnvName } from '../../../src/core/formSteps/envVars';
import { YOTTA_ENV } from '../../../src/providers/yotta/form/envStep';
import { RealPodBackend } from '../../simulator/realBackend';
import { Simulator } from '../../simulator/server';
import { installYotta, type YottaSimControl } from '../../simulator/yotta';
import { eventually, startYotta, type YottaHarness } from '../../simulator/yotta/harness';

const OFFICIAL = 'yottalabsai/pytorch:2.8.0-py3.11-cuda12.8.1-cudnn-devel-ubuntu22.04-2025050802';
const answers = (extra: Record<string, unknown> = {}) => ({
  gpu: 'NVIDIA_RTX_4090_24G',
  gpuCount: 1,
  region: 'us-east-1',
  ports: ['22/SSH'],
  name: 'k',
  ...extra,
});

describe("Yotta provider: the user's key and image registry go with the create request", () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it("sends the public key as PUBLIC_KEY (read by Yotta's official images) and says so in the summary", async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGpupods user@host';
    const form = h.provider().createForm();
    const ctx = { jupyterPassword: 'pw', sshPublicKey: key };
    const summary = await form.summarize(answers(), ctx);
    assert.equal(summary.find((l) => l.label === 'SSH')?.value, 'your public key is installed at start (PUBLIC_KEY)');
    const pod = await form.create(answers(), ctx);
    assert.equal(h.control.pod(pod.id)!.publicKey, key);
    assert.equal(capabilitiesOf(h.provider()).sshAuth, 'createKey', 'so the create command hands the key over');
    assert.match(validateEnvName('PUBLIC_KEY', YOTTA_ENV)!, /GPU Pods sets PUBLIC_KEY itself/);
  });

  it('v1 create carries PUBLIC_KEY too', async () => {
    const pod = await h
      .provider({ apiVersion: 'v1' })
      .createForm()
      .create(answers(), { jupyterPassword: '', sshPublicKey: 'ssh-ed25519 AAAAv1' });
    assert.equal(h.control.pod(pod.id)!.publicKey, 'ssh-ed25519 AAAAv1');
  });

  it('an image from another registry is sent as imageRegistry + image; Docker Hub images without a registry', async () => {
    const form = h.provider().createForm();
    const other = await form.create(answers({ image: 'ghcr.io/acme/train:1.2', name: 'ghcr' }), {
      jupyterPassword: '',
    });
    assert.deepEqual(
      [h.control.pod(other.id)!.imageRegistry, h.control.pod(other.id)!.image],
      ['ghcr.io', 'acme/train:1.2'],
    );
    assert.equal(other.image, 'ghcr.io/acme/train:1.2', 'shown as the user wrote it');
    const hub = await form.create(answers({ image: 'docker.io/library/ubuntu:22.04', name: 'hub' }), {
      jupyterPassword: '',
    });
    assert.deepEqual(
      [h.control.pod(hub.id)!.imageRegistry, h.control.pod(hub.id)!.image],
      ['https://index.docker.io/v1/', 'library/ubuntu:22.04'],
    );
    assert.equal(hub.image, 'library/ubuntu:22.04');
  });
});

describe('Yotta pods against a real sshd: the key sent at create opens the pod', function () {
  this.timeout(60_000);
  let backend: RealPodBackend;
  let sim: Simulator;
  let control: YottaSimControl;
  let dir: string;
  let keyFile: string;
  let publicKey: string;

  before(async function () {
    try {
      backend = await RealPodBackend.start({ passwordUser: false });
    } catch (e) {
      console.log(`    (skipped: sshd cannot start here: ${(e as Error).message})`);
      this.skip();
    }
    sim = new Simulator({ backend, timeScale: 0.01 });
    control = installYotta(sim);
    control.setBudget(100_000);
    await sim.start(0);
    dir = await fsp.mkdtemp(join(tmpdir(), 'gpupods-yotta-key-'));
    keyFile = join(dir, 'id_ed25519');
    const r = await nodeProcessRunner.run(
      'ssh-keygen',
      ['-q', '-t', 'ed25519', '-N', '', '-C', 'gpupods-yotta-test', '-f', keyFile],
      { timeoutMs: 30_000 },
    );
    assert.equal(r.code, 0, r.stderr);
    publicKey = (await fsp.readFile(`${keyFile}.pub`, 'utf8')).trim();
  });

  after(async () => {
    await sim?.stop();
    await backend?.stop();
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  });

  const provider = () =>
    createYottaProvider(
      { apiKey: 'yk-real', baseUrls: { base: sim.baseUrl('yotta') }, options: {} },
      { logger: silentLogger, limiter: new Semaphore(5), backoffMs: 5, timeoutMs: 5000 },
    );

  async function keyLogin(ssh: { host: string; port: number; user: string }): Promise<number> {
    const args = [
      '-i',
      keyFile,
      '-p',
      String(ssh.port),
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'ConnectTimeout=10',
      '-F',
      '/dev/null',
      '-T',
      `${ssh.user}@${ssh.host}`,
      'true',
    ];
    return (await nodeProcessRunner.run('ssh', args, { timeoutMs: 30_000 })).code ?? -1;
  }

  async function createRunning(image: string, name: string) {
    const p = provider();
    const pod = await p
      .createForm()
      .create(answers({ image, name }), { jupyterPassword: 'pw', sshPublicKey: publicKey });
    const running = await eventually(
      () => p.getPod(pod.id),
      (x) => x?.status === 'running' && !!x.ssh,
      5000,
    );
    return running!.ssh!;
  }

  it('an image that does not read PUBLIC_KEY: key login is refused (what the user met before: a password prompt)', async () => {
    assert.notEqual(await keyLogin(await createRunning('ghcr.io/acme/custom:1', 'custom')), 0);
  });

  it("a pod created through the client on Yotta's official image accepts the user's key", async () => {
    assert.equal(await keyLogin(await createRunning(OFFICIAL, 'official')), 0);
  });
});
