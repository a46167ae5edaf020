// "Start and Connect" on a stopped pod, in plain Node: the confirmation, the one start request, the wait until the
// pod runs and SSH answers (on a stepped clock), and what the user is told when it cannot or does not happen.
import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import type { PodAction, Provider } from '../../../src/core/provider';
import { SshAuthRefusedError, SshUnreachableError } from '../../../src/core/ssh/client/errors';
import { PodNotReachableError } from '../../../src/core/ssh/errors';
import type { HostEntry } from '../../../src/core/ssh/hostEntries';
import { pickConnectTarget } from '../../../src/commands/ssh/pickConnectTarget';
import { sshAnswers } from '../../../src/commands/ssh/sshAnswers';
import { type RunWithProgress, startBeforeConnect } from '../../../src/commands/ssh/startBeforeConnect';
import type { ConfirmOptions, UserInput } from '../../../src/ui/prompts';
import { AutoInput } from '../../support/autoInput';
import { FakeClock } from '../core/fakeClock';
import { fakeAccount, fakePod, fakeServices, recordingWorkbench } from './fakeServices';

const INTERVAL = 3000;

/** A cloud that stops and starts (Novita's words, or Yotta's with `pauses`); its pod answers `views` in turn. */
function startingCloud(o: { pauses?: boolean; canStart?: boolean; views?: Pod[]; pods?: Pod[] } = {}) {
  const sent: Array<{ id: string; action: PodAction }> = [];
  const views = [...(o.views ?? [])];
  const pods = o.pods ?? [];
  const provider: Provider = {
    cloud: o.pauses ? 'yotta' : 'novita',
    facts: { stopWord: o.pauses ? 'pause' : 'stop', terminateWord: 'delete', sshAuth: 'password', jupyter: true },
    podActions: new Set<PodAction>(o.canStart === false ? ['terminate'] : ['stop', 'start', 'terminate']),
    allows: (action, pod) => (action === 'start' ? pod.status === 'stopped' : true),
    listPods: async () => pods,
    getPod: async (id) => (views.length > 1 ? views.shift() : views[0]) ?? pods.find((p) => p.id === id),
    podAction: async (id, action) => void sent.push({ id, action }),
    findPodsByName: async () => [],
    createForm: () => {
      throw new Error('no create here');
    },
    listOffers: async () => [],
  };
  return { provider, sent };
}

const stopped = (extra: Partial<Pod> = {}): Pod => ({
  ...fakePod('novita', 'i-1', 'trainer', 'stopped'),
  rawStatus: 'exited',
  pricePerHour: 0.7,
  ...extra,
});
const running = (extra: Partial<Pod> = {}): Pod => ({
  ...stopped(),
  status: 'running',
  rawStatus: 'running',
  ssh: { host: '203.0.113.7', port: 30022, user: 'root' },
  ...extra,
});

/** Confirms (or not) and records what the confirmation said. */
function confirming(answer: boolean): UserInput & { asked: ConfirmOptions[] } {
  const asked: ConfirmOptions[] = [];
  return {
    asked,
    pick: async () => {
      throw new Error('no pick expected');
    },
    input: async () => {
      throw new Error('no input expected');
    },
    confirm: async (c) => (asked.push(c), answer),
  };
}

/** Progress that records its title and messages; `cancelAfter` messages in, it cancels as the user would. */
function recordingProgress(cancelAfter?: number) {
  const seen: { title?: string; messages: string[] } = { messages: [] };
  const run: RunWithProgress = async (title, task) => {
    seen.title = title;
    const abort = new AbortController();
    return task((m) => {
      seen.messages.push(m);
      if (cancelAfter !== undefined && seen.messages.length >= cancelAfter) abort.abort();
    }, abort.signal);
  };
  return { run, seen };
}

function setup(o: { confirm: boolean; pauses?: boolean; canStart?: boolean; views?: Pod[]; pod?: Pod }) {
  const clock = new FakeClock(1_000_000);
  const pod = o.pod ?? stopped();
  const cloud = startingCloud({ ...o, pods: [pod] });
  const account = fakeAccount(cloud.provider.cloud, 'team', cloud.provider);
  const ui = confirming(o.confirm);
  const workbench = recordingWorkbench();
  const services = fakeServices({
    accounts: [account],
    ui,
    workbench,
    clock,
    timing: { waitIntervalMs: INTERVAL, waitTimeoutMs: 20 * 60_000 },
  });
  const target = { account: account.account, pod, provider: cloud.provider };
  return { clock, cloud, ui, workbench, services, target };
}

describe('Start and Connect on a stopped pod (plain Node, stepped clock)', () => {
  it('asks once, naming the pod and its price per hour; declined, no start request is sent', async () => {
    const t = setup({ confirm: false });
    let readyAsked = 0;
    const progress = recordingProgress();
    await assert.rejects(
      startBeforeConnect(t.services, t.target, 'connect', async () => (readyAsked++, 'yes'), progress.run),
      { name: 'CancelledError' },
    );
    assert.equal(t.ui.asked.length, 1);
    assert.equal(t.ui.asked[0].confirm, 'Start and Connect');
    assert.equal(t.ui.asked[0].message, '"trainer" is stopped.');
    assert.match(t.ui.asked[0].detail ?? '', /\$0\.700\/h \(published by the cloud\) on Novita AI/);
    assert.deepEqual(t.cloud.sent, [], 'nothing was started');
    assert.equal(progress.seen.title, undefined, 'no progress shown');
    assert.equal(readyAsked, 0);
  });

  it('confirmed: one start request, then waits until the pod runs and SSH answers, and only then hands over', async () => {
    const t = setup({
      confirm: true,
      views: [
        stopped({ status: 'provisioning', rawStatus: 'starting' }),
        running({ ssh: undefined }),
        running({ ssh: undefined }),
        running(),
      ],
    });
    const events: string[] = [];
    let tries = 0;
    // SSH refuses the connection twice (sshd still starting), then logs in.
    const ready = async (pod: Pod) => {
      tries++;
      events.push(`ssh try ${tries} (${pod.ssh ? 'address known' : 'no address'})`);
      return tries < 3 ? undefined : 'entry';
    };
    const progress = recordingProgress();
    const started = t.clock.now();
    const result = await t.clock.run(startBeforeConnect(t.services, t.target, 'connect', ready, progress.run));
    events.push('window opens');
    assert.deepEqual(t.cloud.sent, [{ id: 'i-1', action: 'start' }], 'exactly one start request');
    assert.equal(result.answer, 'entry');
    assert.equal(result.pod.status, 'running');
    assert.deepEqual(events, [
      'ssh try 1 (no address)',
      'ssh try 2 (address known)',
      'ssh try 3 (address known)',
      'window opens',
    ]);
    assert.equal(progress.seen.title, 'Starting "trainer"');
    assert.ok(progress.seen.messages.includes('waiting for SSH to answer…'), progress.seen.messages.join(' | '));
    assert.ok(t.clock.now() - started >= 3 * INTERVAL, 'it waited on the clock between looks');
  });

  it('a pausing cloud says Resume: "Resume and Open Terminal", progress "Resuming …"', async () => {
    const t = setup({
      confirm: true,
      pauses: true,
      pod: stopped({ cloud: 'yotta', rawStatus: 'PAUSED' }),
      views: [running()],
    });
    const progress = recordingProgress();
    await t.clock.run(startBeforeConnect(t.services, t.target, 'terminal', async () => 'entry', progress.run));
    assert.equal(t.ui.asked[0].confirm, 'Resume and Open Terminal');
    assert.equal(t.ui.asked[0].message, '"trainer" is paused.');
    assert.equal(progress.seen.title, 'Resuming "trainer"');
  });

  it('says "price unknown" when the cloud gives no price, rather than a figure', async () => {
    const t = setup({ confirm: false, pod: stopped({ pricePerHour: undefined }) });
    await assert.rejects(startBeforeConnect(t.services, t.target, 'jupyter', async () => 'x', recordingProgress().run));
    assert.match(t.ui.asked[0].detail ?? '', /costs price unknown on Novita AI/);
    assert.equal(t.ui.asked[0].confirm, 'Start and Open Jupyter');
  });

  it('on a cloud that cannot start pods, says why and asks nothing', async () => {
    const t = setup({ confirm: true, canStart: false });
    await assert.rejects(
      startBeforeConnect(t.services, t.target, 'connect', async () => 'x', recordingProgress().run),
      (e: Error) => e.name === 'ConfigError' && /Novita AI cannot start pods/.test(e.message),
    );
    assert.equal(t.ui.asked.length, 0);
    assert.deepEqual(t.cloud.sent, []);
  });

  it('gives up after 5 minutes of SSH not answering, saying the pod runs but SSH does not answer yet', async () => {
    const t = setup({ confirm: true, views: [running()] });
    await assert.rejects(
      t.clock.run(startBeforeConnect(t.services, t.target, 'connect', async () => undefined, recordingProgress().run)),
      (e: Error) => e.name === 'TimeoutError' && /"trainer" is running, but SSH does not answer yet/.test(e.message),
    );
    assert.deepEqual(t.cloud.sent, [{ id: 'i-1', action: 'start' }]);
  });

  it('cancelled while waiting: the pod carries on starting, the user is told, nothing is opened', async () => {
    const t = setup({ confirm: true, views: [stopped({ status: 'provisioning', rawStatus: 'starting' })] });
    let readyAsked = 0;
    await assert.rejects(
      t.clock.run(
        startBeforeConnect(t.services, t.target, 'connect', async () => (readyAsked++, 'x'), recordingProgress(2).run),
      ),
      { name: 'CancelledError' },
    );
    assert.equal(readyAsked, 0);
    assert.match(t.workbench.infos[0]?.message ?? '', /Stopped waiting; "trainer" carries on in the cloud/);
  });
});

describe('does SSH answer on a pod that has just started (sshAnswers)', () => {
  const entry = { alias: 'gpupods-novita-trainer' } as HostEntry;
  const target = () => {
    const { provider } = startingCloud();
    return { account: fakeAccount('novita', 'team', provider).account, pod: running(), provider };
  };
  const withSsh = (ssh: { prepare?: () => Promise<{ entry: HostEntry }>; checkKeyLogin?: () => Promise<void> }) =>
    fakeServices({ ssh: { prepare: async () => ({ entry }), checkKeyLogin: async () => undefined, ...ssh } as never });

  it('not yet while the pod has no address or its sshd refuses the connection', async () => {
    const noAddress = withSsh({ prepare: async () => Promise.reject(new PodNotReachableError('no address yet')) });
    assert.equal(await sshAnswers(noAddress, target(), running()), undefined);
    const refused = withSsh({ checkKeyLogin: async () => Promise.reject(new SshUnreachableError('ECONNREFUSED')) });
    assert.equal(await sshAnswers(refused, target(), running()), undefined);
  });

  it('answers once the key logs in; a refused key also counts as an answer (the key hint follows)', async () => {
    assert.deepEqual(await sshAnswers(withSsh({}), target(), running()), { entry, keyLoggedIn: true });
    const refusedKey = withSsh({ checkKeyLogin: async () => Promise.reject(new SshAuthRefusedError('key refused')) });
    assert.deepEqual(await sshAnswers(refusedKey, target(), running()), { entry, keyLoggedIn: false });
  });

  it('a password pod behind the user\'s proxy answers at once with "key not installed", and no login is tried', async () => {
    let tried = 0;
    const proxied = fakeServices({
      ssh: {
        prepare: async () => ({ entry, keyNotInstalled: { proxy: 'ProxyJump' } }),
        checkKeyLogin: async () => void tried++,
      } as never,
    });
    assert.deepEqual(await sshAnswers(proxied, target(), running()), {
      entry,
      keyLoggedIn: false,
      keyNotInstalled: { proxy: 'ProxyJump' },
    });
    assert.equal(tried, 0);
  });
});

describe('the pods Connect offers from the palette and the Remote indicator', () => {
  it('running pods first, then stopped pods their cloud can start, marked "will be started"; none of a cloud without start', async () => {
    const canStart = startingCloud({
      pods: [
        stopped(),
        fakePod('novita', 'i-2', 'serving', 'running'),
        stopped({ id: 'i-3', name: 'old', pending: true }),
      ],
    });
    const cannot = startingCloud({ canStart: false, pods: [stopped({ id: 'i-9', name: 'frozen' })] });
    const ui = new AutoInput({ pod: 'trainer' });
    const services = fakeServices({
      accounts: [fakeAccount('novita', 'a', canStart.provider), fakeAccount('novita', 'b', cannot.provider)],
      ui,
    });
    const picked = await pickConnectTarget(services, undefined, 'connect', 'Connect to which pod?');
    assert.equal(picked.pod.name, 'trainer');
    assert.deepEqual(
      ui.asked[0].items!.map((i) => `${i.label} | ${i.description}`),
      ['serving | Novita AI (a) · running', 'trainer | Novita AI (a) · stopped — will be started'],
    );
  });
  it('with only a stopped pod its cloud cannot start, says why instead of an empty list', async () => {
    const cannot = startingCloud({ canStart: false, pods: [stopped({ name: 'frozen' })] });
    const workbench = recordingWorkbench();
    const services = fakeServices({ accounts: [fakeAccount('novita', 'b', cannot.provider)], workbench });
    await assert.rejects(
      pickConnectTarget(services, undefined, 'connect', 'Connect to which pod?', 'No GPU pod is running.'),
      {
        name: 'CancelledError',
      },
    );
    assert.deepEqual(
      workbench.infos.map((i) => i.message),
      [
        'No GPU pod is running. "frozen" is stopped, and Novita AI cannot start pods, so GPU Pods cannot connect to it.',
      ],
    );
  });
});
