import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { PodHostStore } from '../../../src/core/ssh/hostEntries';
import { nodeProcessRunner, nodeSshFs, type ProcessRunner } from '../../../src/core/ssh/io';
import { ensureKeyPair } from '../../../src/core/ssh/keys';
import { controlPathFor } from '../../../src/core/ssh/multiplex';
import { readGpusOverSsh, remoteGpusArgs } from '../../../src/core/ssh/remoteGpus';
import { createSimulator } from '../../simulator';
import type { PodGpuState } from '../../simulator/gpu';
import { RealPodBackend } from '../../simulator/realBackend';
import { pod, tempDir } from './helpers';

const H100: PodGpuState = {
  kind: 'gpus',
  gpus: [{ name: 'NVIDIA H100 80GB HBM3', utilizationPct: 64, memoryUsedMiB: 30000, memoryTotalMiB: 81559 }],
};

describe('nvidia-smi over our own ssh entry', () => {
  describe('the command and its limits (no ssh run)', () => {
    it('is argv only: our file, fixed options, the checked alias, `--`, then the fixed nvidia-smi query', () => {
      const args = remoteGpusArgs('/home/u/.ssh/gpupods/config', 'gpupods-yotta-train');
      assert.deepEqual(args.slice(0, 2), ['-F', '/home/u/.ssh/gpupods/config']);
      assert.ok(args.includes('BatchMode=yes'));
      const at = args.indexOf('gpupods-yotta-train');
      assert.deepEqual(args.slice(at + 1, at + 3), ['--', 'nvidia-smi']);
      assert.throws(() => remoteGpusArgs('/c', '-oProxyCommand=touch /tmp/x'), /alias/);
    });

    const fake = (result: Awaited<ReturnType<ProcessRunner['run']>>): ProcessRunner => ({
      run: async () => result,
    });

    it('ssh failing (255) reads "cannot be reached" with what ssh said; a timeout says so', async () => {
      const refused = await readGpusOverSsh({
        configPath: '/c',
        alias: 'p',
        runner: fake({
          code: 255,
          stdout: '',
          stderr: 'ssh: connect to host 1.2.3.4 port 22: Connection refused\r\n',
          timedOut: false,
        }),
      });
      assert.deepEqual(refused, {
        unavailable: 'the pod cannot be reached over SSH: ssh: connect to host 1.2.3.4 port 22: Connection refused',
      });
      const slow = await readGpusOverSsh({
        configPath: '/c',
        alias: 'p',
        timeoutMs: 3000,
        runner: fake({ code: null, stdout: '', stderr: '', timedOut: true }),
      });
      assert.deepEqual(slow, { unavailable: 'the pod did not answer over SSH within 3 s' });
    });

    it('endless output is cut off and refused, never parsed', async () => {
      const r = await readGpusOverSsh({
        configPath: '/c',
        alias: 'p',
        runner: fake({ code: null, stdout: '0, x, 1, 1, 1\n'.repeat(5000), stderr: '', timedOut: false }),
      });
      assert.ok('unavailable' in r && /printed more than/.test(r.unavailable), JSON.stringify(r));
    });
  });

  describe('ControlPath for our entries', () => {
    it('is %C in our own directory; none on Windows or where the socket path would be too long', () => {
      assert.equal(controlPathFor('/home/u/.ssh/gpupods', 'linux'), '/home/u/.ssh/gpupods/cm-%C');
      assert.equal(controlPathFor('/home/u/.ssh/gpupods', 'win32'), undefined);
      assert.equal(controlPathFor(`/home/${'x'.repeat(60)}/.ssh/gpupods`, 'linux'), undefined);
      assert.equal(controlPathFor('/home/a b/.ssh/gpupods', 'darwin'), undefined);
      assert.equal(controlPathFor('/home/100%/.ssh', 'linux'), undefined);
    });
  });

  describe('against a real sshd', function () {
    this.timeout(60_000);
    let backend: RealPodBackend;
    let sim: ReturnType<typeof createSimulator>;
    let dir: string;
    let cfg: string;
    let env: NodeJS.ProcessEnv;

    before(async function () {
      try {
        backend = await RealPodBackend.start({ passwordUser: false });
      } catch (e) {
        console.log(`    (skipped: sshd cannot start here: ${(e as Error).message})`);
        this.skip();
      }
      sim = createSimulator({ backend, ledger: false });
      dir = await tempDir('gpupods-mux-');
      env = { PATH: process.env.PATH, HOME: join(dir, 'home') };
      const ours = join(dir, 'gpupods');
      cfg = join(ours, 'config');
      const pair = await ensureKeyPair({ fs: nodeSshFs, runner: nodeProcessRunner }, join(ours, 'id_ed25519'));
      backend.authorizeKey(pair.publicKey);
      const controlPath = controlPathFor(ours);
      assert.ok(controlPath, `a temp dir is short enough for a socket: ${ours}`);
      const store = new PodHostStore({
        fs: nodeSshFs,
        configPath: cfg,
        identityFile: pair.privateKeyPath,
        knownHostsFile: join(ours, 'known_hosts'),
        controlPath,
      });
      await store.ensurePod(pod({ id: 'mux-1', name: 'Mux One', ssh: backend.ssh('key', 'mux-1') }));
    });

    after(async () => {
      // end the master we started (by its socket, not by name)
      if (cfg)
        await nodeProcessRunner.run('ssh', ['-F', cfg, '-O', 'exit', 'gpupods-yotta-mux-one'], {
          env,
          timeoutMs: 5000,
        });
      await backend?.stop();
      if (dir) await fsp.rm(dir, { recursive: true, force: true });
    });

    const connections = async () =>
      ((await fsp.readFile(join(backend.sshd.dir, 'sshd.log'), 'utf8')).match(/Connection from /g) ?? []).length;

    it('five samples open one connection; each reflects the readings set at that moment', async () => {
      const before = await connections();
      const seen: Array<number | undefined> = [];
      for (const pct of [64, 10, 99, 0, 42]) {
        sim.gpu.set('yotta', 'mux-1', { kind: 'gpus', gpus: [{ ...H100.gpus[0], utilizationPct: pct }] });
        const r = await readGpusOverSsh({
          runner: nodeProcessRunner,
          configPath: cfg,
          alias: 'gpupods-yotta-mux-one',
          env,
        });
        assert.ok('gpus' in r, JSON.stringify(r));
        seen.push(r.gpus[0].utilisationPercent);
        assert.deepEqual(r.gpus[0], {
          index: 0,
          name: 'NVIDIA H100 80GB HBM3',
          utilisationPercent: pct,
          memoryUsedMiB: 30000,
          memoryTotalMiB: 81559,
        });
      }
      assert.deepEqual(seen, [64, 10, 99, 0, 42]);
      assert.equal((await connections()) - before, 1, await backend.sshd.logTail());
      const check = await nodeProcessRunner.run('ssh', ['-F', cfg, '-O', 'check', 'gpupods-yotta-mux-one'], {
        env,
        timeoutMs: 5000,
      });
      assert.equal(check.code, 0, `the master is up: ${check.stderr}`);
    });

    it('a pod whose driver is gone, and one that drops the session, read as unavailable with the reason', async () => {
      sim.gpu.update('yotta', 'mux-1', { kind: 'smi-fails' });
      const failing = await readGpusOverSsh({
        runner: nodeProcessRunner,
        configPath: cfg,
        alias: 'gpupods-yotta-mux-one',
        env,
      });
      assert.ok(
        'unavailable' in failing && /GPU driver is not answering/.test(failing.unavailable),
        JSON.stringify(failing),
      );
      sim.gpu.update('yotta', 'mux-1', { kind: 'unreachable' });
      const gone = await readGpusOverSsh({
        runner: nodeProcessRunner,
        configPath: cfg,
        alias: 'gpupods-yotta-mux-one',
        env,
      });
      assert.ok('unavailable' in gone && /cannot be reached over SSH/.test(gone.unavailable), JSON.stringify(gone));
    });
  });
});
