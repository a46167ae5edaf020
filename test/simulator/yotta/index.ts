import type { Simulator } from '../server';
import { installMetricRoutes } from './metrics';
import { DOCKER_HUB, installPodRoutes } from './pods';
import { installResourceRoutes } from './resources';
import {
  CATALOG,
  type Delays,
  type PodStatusWord,
  type PodUsage,
  type SimPod,
  type SimVm,
  type SimVolume,
  type VmStatusWord,
  YottaState,
} from './state';
import { yottaSpec } from './spec';
import { addVm, installVmRoutes } from './vms';

export type { SimPod, SimVolume, SimVm, Delays } from './state';

/** What tests steer the simulated Yotta account with. */
export interface YottaSimControl {
  readonly state: YottaState;
  /** State-machine delays in unscaled ms (the simulator's timeScale applies). */
  setDelays(delays: Partial<Delays>): void;
  /** Requests per minute per key before 429 (default 60, the documented lowest plan: spec.ts YOTTA_LIMITS). */
  setBudget(perMinute: number): void;
  /** Largest page size the volume and VM lists honour (paging tests). */
  setMaxPageSize(size: number): void;
  /** The next create (v1 or v2) answers this envelope instead. */
  failNextCreate(code: number, message: string, httpStatus?: number): void;
  /** Mark a GPU sold out in one region (or all of its regions). */
  setSoldOut(gpuType: string, region?: string, soldOut?: boolean): void;
  /** The pod turns FAILED (the reason is kept here only: no documented pod field carries it). */
  failPod(id: string, reason: string): void;
  /** A pod put straight into the state (no validation); returns its id. */
  addPod(pod?: Partial<SimPod> & { status?: PodStatusWord }): string;
  addVolume(volume?: Partial<SimVolume>): string;
  setMountCount(volumeId: string, count: number): void;
  /** Many running pods and active volumes at once (benchmarks). */
  seed(counts: { pods?: number; volumes?: number }): { podIds: string[]; volumeIds: string[] };
  /** A public key registered in the Yotta console: it may log in to every pod. */
  authorizeKey(publicKey: string): void;
  pod(id: string): SimPod | undefined;
  /** The JUPYTER_PASSWORD the pod was created with. */
  jupyterPassword(id: string): string | undefined;
  /** A VM put straight into the state (running unless told otherwise); returns its id. */
  addVm(vm?: Partial<SimVm> & { status?: VmStatusWord }): string;
  /** A VM the key may not terminate: DELETE answers 11002 "No terminate permissions". */
  setVmTerminable(id: string, terminable: boolean): void;
  /** The VM as the simulator holds it (advanced past `initializing` when its time has come). */
  vm(id: string): SimVm | undefined;
  /** What the pod's CPU, memory and storage metrics report from now on. */
  setPodUsage(id: string, usage: Partial<PodUsage>): void;
}

export function installYotta(sim: Simulator): YottaSimControl {
  sim.useSpec(yottaSpec);
  const state = new YottaState(sim);
  sim.onReset(() => state.reset());
  installPodRoutes(sim, state);
  installMetricRoutes(sim, state);
  installResourceRoutes(sim, state);
  installVmRoutes(sim, state); // after resources: `/v2/vms/types` must match before `/v2/vms/:id`

  const control: YottaSimControl = {
    state,
    setDelays: (d) => void Object.assign(state.delays, d),
    setBudget: (n) => void (state.budgetPerMinute = n),
    setMaxPageSize: (n) => void (state.maxPageSize = n),
    failNextCreate: (code, message, httpStatus = 200) =>
      void (state.failNextCreate = { status: httpStatus, code, message }),
    setSoldOut(gpuType, region, soldOut = true) {
      for (const r of region ? [region] : (CATALOG[gpuType] ?? []).map((x) => x.region)) {
        const key = state.stockKey(gpuType, r);
        if (soldOut) state.soldOut.add(key);
        else state.soldOut.delete(key);
      }
    },
    failPod(id, reason) {
      const p = state.pod(id);
      if (!p) throw new Error(`no pod ${id}`);
      p.status = 'FAILED';
      p.until = undefined;
      p.failedReason = reason;
    },
    addPod(pod = {}) {
      const id = pod.id ?? state.newPodId();
      const full: SimPod = {
        id,
        name: `pod-${id.slice(-4)}`,
        image: 'yottalabsai/pytorch:latest',
        imageRegistry: DOCKER_HUB,
        gpuType: 'NVIDIA_RTX_4090_24G',
        gpuCount: 1,
        region: 'us-east-1',
        status: 'RUNNING',
        createdAt: Date.now(),
        containerVolumeInGb: 50,
        expose: [
          { port: 22, protocol: 'SSH' },
          { port: 8888, protocol: 'HTTP' },
        ],
        volumeIds: [],
        ...pod,
      };
      state.pods.set(id, full);
      if (full.status !== 'RUNNING' && full.until === undefined) state.setPod(full, full.status);
      return id;
    },
    addVolume(volume = {}) {
      const id = volume.id ?? state.newVolumeId();
      state.volumes.set(id, {
        id,
        name: `vol-${id}`,
        sizeInGb: 100,
        region: 'us-east-1',
        storageType: 'CEPH',
        status: 'active',
        mountCount: 0,
        cost: 0.01,
        createdAt: Date.now(),
        ...volume,
      });
      return id;
    },
    setMountCount(volumeId, count) {
      const v = state.volumes.get(volumeId);
      if (!v) throw new Error(`no volume ${volumeId}`);
      v.mountCount = count;
    },
    seed({ pods = 0, volumes = 0 }) {
      const podIds = Array.from({ length: pods }, (_x, i) => control.addPod({ name: `bench-${i}` }));
      const volumeIds = Array.from({ length: volumes }, (_x, i) => control.addVolume({ name: `bench-vol-${i}` }));
      return { podIds, volumeIds };
    },
    authorizeKey: (k) => sim.backend.authorizeKey(k),
    pod: (id) => state.pod(id),
    jupyterPassword: (id) => state.pods.get(id)?.jupyterPassword,
    addVm: (vm) => addVm(state, vm),
    setVmTerminable(id, terminable) {
      const v = state.vms.get(id);
      if (!v) throw new Error(`no VM ${id}`);
      v.terminable = terminable;
    },
    vm: (id) => state.vm(id),
    setPodUsage(id, usage) {
      const p = state.pods.get(id);
      if (!p) throw new Error(`no pod ${id}`);
      p.usage = { ...p.usage, ...usage };
    },
  };
  installControlRoutes(sim, control);
  return control;
}

/** The same control over HTTP, for tests in another process (the extension host): POST /yotta/__control/<name>. */
function installControlRoutes(sim: Simulator, c: YottaSimControl): void {
  const r = sim.router('yotta');
  const body = (b: unknown) => (b ?? {}) as Record<string, unknown>;
  const done = (data: unknown = true) => ({ status: 200, body: { ok: true, data } });
  r.post('/__control/seed', (req) =>
    done(c.seed({ pods: Number(body(req.body).pods ?? 0), volumes: Number(body(req.body).volumes ?? 0) })),
  );
  r.post('/__control/budget', (req) => done(c.setBudget(Number(body(req.body).perMinute))));
  r.post('/__control/delays', (req) => done(c.setDelays(body(req.body) as Partial<Delays>)));
  r.post('/__control/fail-next-create', (req) => {
    const b = body(req.body);
    return done(
      c.failNextCreate(Number(b.code), String(b.message), b.status === undefined ? undefined : Number(b.status)),
    );
  });
  r.post('/__control/sold-out', (req) => {
    const b = body(req.body);
    return done(
      c.setSoldOut(String(b.gpuType), b.region === undefined ? undefined : String(b.region), b.soldOut !== false),
    );
  });
  r.post('/__control/fail-pod', (req) => done(c.failPod(String(body(req.body).id), String(body(req.body).reason))));
  r.post('/__control/authorize-key', (req) => done(c.authorizeKey(String(body(req.body).publicKey))));
  r.post('/__control/add-vm', (req) => done(c.addVm(body(req.body) as Partial<SimVm> & { status?: VmStatusWord })));
  r.post('/__control/vm-terminable', (req) =>
    done(c.setVmTerminable(String(body(req.body).id), body(req.body).terminable !== false)),
  );
}
