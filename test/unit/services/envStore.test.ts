import * as assert from 'node:assert/strict';
import type { Services } from '../../../src/commands/services';
import { envSecretValue } from '../../../src/commands/pods/envSecretValue';
import { SecretRedactor } from '../../../src/core/secretRedactor';
import { EnvStore } from '../../../src/services/envStore';

/** Global state as VS Code keeps it: JSON in, JSON out. */
class Memento {
  readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const v = this.values.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
  }
}

class Secrets {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

const SECRET = 'hf_kept_0123456789';

describe('secret environment values and saved sets, as GPU Pods keeps them', () => {
  it('a secret value goes to secret storage only; global state holds its name', async () => {
    const state = new Memento();
    const secrets = new Secrets();
    const store = new EnvStore(secrets, state);
    await store.forAccount('a1').storeSecret('hf-token', SECRET);
    assert.equal(await store.secretValue('hf-token'), SECRET);
    assert.deepEqual(store.forAccount('a2').secretNames(), ['hf-token'], 'every account may name it');
    assert.ok(![...state.values.values()].some((v) => v.includes(SECRET)));
    await store.forAccount('a2').forgetSecret('hf-token');
    assert.equal(await store.secretValue('hf-token'), undefined);
    assert.deepEqual(store.secretNames(), []);
  });

  it('a saved set holds names, plain values and secret names — never a secret value, even if handed one', async () => {
    const state = new Memento();
    const store = new EnvStore(new Secrets(), state);
    const vault = store.forAccount('a1');
    await vault.saveSet('hf', [
      { name: 'HF_TOKEN', secret: 'hf-token', value: SECRET },
      { name: 'HF_HOME', value: '/workspace/hf' },
    ]);
    assert.deepEqual(new EnvStore(new Secrets(), state).forAccount('a1').sets(), [
      {
        name: 'hf',
        vars: [
          { name: 'HF_TOKEN', secret: 'hf-token' },
          { name: 'HF_HOME', value: '/workspace/hf' },
        ],
      },
    ]);
    assert.ok(![...state.values.values()].some((v) => v.includes(SECRET)));
    assert.deepEqual(store.forAccount('a2').sets(), [], 'sets belong to their account');
    await vault.renameSet('hf', 'my HF');
    assert.deepEqual(
      vault.sets().map((s) => s.name),
      ['my HF'],
    );
    await store.forgetAccount('a1');
    assert.deepEqual(vault.sets(), [], 'a disconnected account’s sets go with it');
  });

  it('a set just saved is offered at once, even while global state hands back an older copy', async () => {
    const state = new Memento();
    const vault = new EnvStore(new Secrets(), state).forAccount('a1');
    await vault.saveSet('first', [{ name: 'A', value: '1' }]);
    const echo = state.values.get('gpuPods.envSets')!;
    await vault.saveSet('second', [{ name: 'B', value: '2' }]);
    state.values.set('gpuPods.envSets', echo); // the earlier write echoing back
    assert.deepEqual(
      vault.sets().map((set) => set.name),
      ['first', 'second'],
    );
  });

  it('a create reads the secret once its body is built, and the account scrubs it from then on', async () => {
    const secrets = new Secrets();
    const store = new EnvStore(secrets, new Memento());
    await store.forAccount('a1').storeSecret('hf-token', SECRET);
    const redactor = new SecretRedactor();
    const services = {
      env: store,
      providers: { secretValues: (id: string) => (id === 'a1' ? redactor : undefined) },
    } as unknown as Services;
    const read = envSecretValue(services, { id: 'a1', cloud: 'novita', label: 'x', options: {} });
    assert.equal(redactor.scrub(`echoed ${SECRET}`), `echoed ${SECRET}`, 'not known before the create');
    assert.equal(await read('hf-token'), SECRET);
    assert.equal(redactor.scrub(`echoed ${SECRET}`), 'echoed ***');
    assert.equal(await read('gone'), undefined);
  });
});
