import assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import type { Pod } from '../../../src/core/model';
import type { IdleRulesHost } from '../../../src/services/idleRulesPort';
import { StoppedRules } from '../../../src/services/stoppedRules';
import { type NovitaHarness, startNovitaHarness } from '../../simulator/novita/harness';
import { FakeClock } from '../core/fakeClock';
import { MINUTE, T0 } from '../core/utilisation/samples';
import { Memento } from './idleRulesFixture';

/**
 * The delete-when-stopped rule against the strict Novita simulator (written from Novita's published reference):
 * the real provider lists, reads again and deletes; the rule's clock is a fake one the test moves a minute at a
 * time, looking at the rules after each minute as their own timer would.
 */
function onNovita(h: NovitaHarness) {
  const provider = h.provider();
  const caps = capabilitiesOf(provider);
  const clock = new FakeClock(T0);
  let listed: Pod[] | undefined;
  let last: Pod[] = [];
  const listeners = new Set<(accountId: string) => void>();
  const warnings: Array<{ message: string; answer(choice?: string): void }> = [];
  const infos: string[] = [];
  const logs: string[] = [];
  /** The account's list read again, as a refresh does: the last good list stays when it fails. */
  const refresh = async () => {
    try {
      last = listed = await provider.listPods();
    } catch {
      listed = undefined;
    }
    listeners.forEach((l) => l('acc'));
  };
  const host: IdleRulesHost = {
    memento: new Memento(),
    log: {
      info: (m: string) => void logs.push(m),
      warn: (m: string) => void logs.push(`WARN ${m}`),
      error: (m: string | Error) => void logs.push(`ERROR ${String(m)}`),
    },
    clock,
    graceMs: () => 10 * MINUTE,
    clouds: ['novita'],
    pods: () => last.map((pod) => ({ accountId: 'acc', pod })),
    listed: () => listed,
    keepListed: () => undefined,
    onPodsChange: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    fresh: async (_a, id) => {
      await refresh();
      const pod = listed?.find((p) => p.id === id);
      return (
        pod && {
          pod,
          canStop: caps.podActions.has('stop'),
          canTerminate: caps.allows('terminate', pod),
          stopVerb: 'stop',
          stoppedWord: 'Stopped',
          terminateVerb: 'delete',
          terminatedWord: 'Deleted',
          cloudName: 'Novita AI',
        }
      );
    },
    stop: (_a, pod) => provider.podAction(pod.id, 'stop'),
    terminate: async (_a, pod) => {
      await provider.podAction(pod.id, 'terminate');
      await refresh();
    },
    terminateWord: () => provider.facts.terminateWord,
    showWarning: (message) => new Promise((resolve) => warnings.push({ message, answer: resolve })),
    showInfo: async (message) => void infos.push(message),
  };
  const rules = new StoppedRules(host);
  /** `n` minutes pass; the rules look after each one. */
  const minutes = async (n: number) => {
    for (let i = 0; i < n; i++) {
      clock.stepForward(MINUTE);
      await rules.check();
    }
  };
  return { rules, clock, refresh, minutes, warnings, infos, logs };
}

describe('Delete When Stopped For… against the strict Novita simulator', () => {
  let h: NovitaHarness;
  let t: ReturnType<typeof onNovita>;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());
  afterEach(() => t?.rules.dispose());

  const deletes = () => h.sim.requestsFor('novita', 'POST', '/gpu/instance/delete');

  /** A stopped instance (100 GB root disk, 50 GB local volume) with a one-hour rule, first seen stopped now. */
  async function forgotten() {
    const id = h.control.seedInstance({ name: 'forgotten', status: 'exited', rootfsSize: 100, diskSize: 50 });
    t = onNovita(h);
    await t.refresh();
    const pod = (await h.provider().listPods()).find((p) => p.id === id)!;
    await t.rules.set({ accountId: 'acc', cloud: 'novita', pod }, { afterHours: 1 });
    return id;
  }

  it('warns after an hour stopped with what its disks still cost, waits the grace period, then sends one delete', async () => {
    const id = await forgotten();
    await t.minutes(59);
    assert.equal(t.warnings.length, 0);
    await t.minutes(1);
    assert.equal(t.warnings.length, 1);
    assert.match(
      t.warnings[0].message,
      /^"forgotten" has been stopped for at least 1h 00m; it still costs \$0\.45\/day for 90 GB of disk \(published storage prices\)\./,
    );
    await t.minutes(9);
    assert.equal(deletes().length, 0, 'not within the grace period');
    await t.minutes(1);
    assert.equal(deletes().length, 1);
    assert.ok(['toRemove', 'removing', 'removed', undefined].includes(h.control.instance(id)?.status), 'that instance');
    await t.minutes(15);
    assert.equal(deletes().length, 1, 'one delete request, ever');
    assert.match(t.infos.at(-1) ?? '', /^Deleted "forgotten": it had been stopped for at least 1h 10m\.$/);
  });

  it('sends no delete while the instance list fails (the state is not known)', async () => {
    await forgotten();
    await t.minutes(60);
    assert.equal(t.warnings.length, 1);
    h.sim.addFault({ cloud: 'novita', method: 'GET', path: '/gpu/instances', status: 503 });
    await t.refresh();
    await t.minutes(30);
    assert.equal(deletes().length, 0);
  });

  it('sends no delete when the instance was started during the grace period', async () => {
    const id = await forgotten();
    await t.minutes(60);
    assert.equal(t.warnings.length, 1);
    h.control.setStatus(id, 'running');
    await t.refresh();
    await t.minutes(30);
    assert.equal(deletes().length, 0);
  });

  it('sends no delete after Keep It Another 1 hour, until it asks again', async () => {
    await forgotten();
    await t.minutes(60);
    t.warnings[0].answer('Keep It Another 1 hour');
    await new Promise((r) => setImmediate(r));
    await t.minutes(59);
    assert.equal(deletes().length, 0);
    assert.equal(t.warnings.length, 1);
    await t.minutes(2);
    assert.equal(t.warnings.length, 2, 'asked again after another hour; nothing deleted unasked');
    assert.equal(deletes().length, 0);
  });
});
