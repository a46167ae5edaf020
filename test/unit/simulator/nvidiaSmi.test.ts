import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { nodeProcessRunner, type RunResult } from '../../../src/core/ssh/io';
import { createSimulator } from '../../simulator';
import type { PodGpuState } from '../../simulator/gpu';
import { RealPodBackend } from '../../simulator/realBackend';
import { tempDir } from '../ssh/helpers';

const QUERY = ['--query-gpu=index,name,utilization.gpu,memory.used,memory.total', '--format=csv,noheader,nounits'];

/** Pods behind the real sshd: each finds an `nvidia-smi` on its PATH that answers from the simulator's readings. */
describe('simulated pods: nvidia-smi over the real sshd', function () {
  this.timeout(60_000);
  let backend: RealPodBackend;
  let sim: ReturnType<typeof createSimulator>;
  let dir: string;
  let key: string;

  before(async function () {
    try {
      backend = await RealPodBackend.start({ passwordUser: false });
    } catch (e) {
      console.log(`    (skipped: sshd cannot start here: ${(e as Error).message})`);
      this.skip();
    }
    sim = createSimulator({ backend, ledger: false });
    dir = await tempDir('gpupods-smi-test-');
    key = join(dir, 'id_ed25519');
    const r = await nodeProcessRunner.run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key], {
      timeoutMs: 15_000,
    });
    assert.equal(r.code, 0, r.stderr);
    backend.authorizeKey(await fsp.readFile(`${key}.pub`, 'utf8'));
  });

  after(async () => {
    await backend?.stop();
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  });

  /** `ssh <pod> <args…>` as the extension would run it, with a throw-away known_hosts. */
  function onPod(podId: string, ...args: string[]): Promise<RunResult> {
    const t = backend.ssh('key', podId);
    return nodeProcessRunner.run(
      'ssh',
      [
        ...['-i', key, '-p', String(t.port), '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
        ...['-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=no'],
        ...['-o', 'LogLevel=ERROR', '-F', '/dev/null', `${t.user}@${t.host}`, 'nvidia-smi', ...args],
      ],
      { timeoutMs: 30_000 },
    );
  }

  const twoGpus: PodGpuState = {
    kind: 'gpus',
    gpus: [
      { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 87, memoryUsedMiB: 61234, memoryTotalMiB: 81559 },
      { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 3, memoryUsedMiB: 512, memoryTotalMiB: 81559 },
    ],
  };

  it('answers the query the client sends with the readings set for that pod, and each pod its own', async () => {
    sim.gpu.set('yotta', 'pod-a', twoGpus);
    sim.gpu.set('novita', 'pod-b', {
      kind: 'gpus',
      gpus: [{ name: 'NVIDIA GeForce RTX 4090', utilizationPct: 42, memoryUsedMiB: 20000, memoryTotalMiB: 24564 }],
    });
    const a = await onPod('pod-a', ...QUERY);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, '0, NVIDIA H100 80GB HBM3, 87, 61234, 81559\n1, NVIDIA H100 80GB HBM3, 3, 512, 81559\n');
    const b = await onPod('pod-b', ...QUERY);
    assert.equal(b.stdout, '0, NVIDIA GeForce RTX 4090, 42, 20000, 24564\n');
  });

  it('new readings show at the next query', async () => {
    sim.gpu.update('yotta', 'pod-a', { gpus: [{ utilizationPct: 12, memoryUsedMiB: 1000 }] });
    const r = await onPod('pod-a', '--query-gpu=utilization.gpu,memory.used', '--format=csv,noheader,nounits');
    assert.equal(r.stdout, '12, 1000\n3, 512\n');
  });

  it('any field order; a header and units unless told otherwise; [N/A] for what a GPU does not report', async () => {
    sim.gpu.set('yotta', 'pod-c', {
      kind: 'gpus',
      gpus: [{ name: 'NVIDIA A100-SXM4-80GB', utilizationPct: null, memoryUsedMiB: 100, memoryTotalMiB: 81920 }],
    });
    const r = await onPod('pod-c', '--query-gpu=memory.total,utilization.gpu,memory.free,count', '--format=csv');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'memory.total [MiB], utilization.gpu [%], memory.free [MiB], count\n81920 MiB, [N/A], 81820 MiB, 1\n',
    );
  });

  it("an unknown field: the real tool's message and exit 2", async () => {
    const r = await onPod('pod-a', '--query-gpu=index,bogus.field', '--format=csv');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, 'Field "bogus.field" is not a valid field to query.\n\n');
  });

  it('a pod whose driver is gone: the driver message and exit 9', async () => {
    sim.gpu.update('yotta', 'pod-a', { kind: 'smi-fails' });
    const r = await onPod('pod-a', ...QUERY);
    assert.equal(r.code, 9);
    assert.match(r.stdout, /^NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver/);
  });

  it('an unreachable pod drops the SSH session (ssh exits 255)', async () => {
    sim.gpu.update('yotta', 'pod-a', { kind: 'unreachable' });
    const r = await onPod('pod-a', ...QUERY);
    assert.equal(r.code, 255, `${r.code} ${r.stdout} ${r.stderr}`);
    assert.equal(r.stdout, '');
  });

  it('every pod keeps its address; once the ports run out a new pod shares one and its nvidia-smi shows the newest pod', async () => {
    const ids = Array.from({ length: backend.sshd.ports.length + 1 }, (_x, i) => `addr-${i}`);
    const first = ids.map((id) => backend.ssh('key', id).port);
    assert.deepEqual(
      ids.map((id) => backend.ssh('key', id).port),
      first,
      'asked again, every pod answers on the same port',
    );
    assert.ok(first.includes(backend.sshd.port));
    const shared = first.at(-1)!;
    const sharers = ids.filter((_id, i) => first[i] === shared);
    assert.equal(sharers.length, 2, 'one more pod than ports: exactly two share an address');
    const gpu = (u: number) => ({ name: 'NVIDIA L4', utilizationPct: u, memoryUsedMiB: 1, memoryTotalMiB: 23034 });
    sim.gpu.set('yotta', sharers[1], { kind: 'gpus', gpus: [gpu(71)] });
    sim.gpu.set('yotta', sharers[0], { kind: 'gpus', gpus: [gpu(5)] }); // the older pod: not what the port shows
    const r = await onPod(sharers[1], '--query-gpu=utilization.gpu', '--format=csv,noheader,nounits');
    assert.equal(r.stdout, '71\n');
  });

  it('a pod that comes up gets idle GPUs of its type; reset forgets every reading', async () => {
    const id = sim.controls.yotta.addPod({ gpuType: 'NVIDIA_RTX_4090_24G', gpuCount: 2 });
    assert.ok(sim.controls.yotta.pod(id)?.ssh, 'the pod runs');
    const r = await onPod(id, ...QUERY);
    assert.equal(r.stdout, '0, NVIDIA GeForce RTX 4090, 0, 0, 24564\n1, NVIDIA GeForce RTX 4090, 0, 0, 24564\n');
    sim.reset();
    const gone = await onPod(id, ...QUERY);
    assert.equal(gone.code, 6);
    assert.equal(gone.stdout, 'No devices were found\n');
  });
});
