import assert from 'node:assert/strict';
import type { CreateContext } from '../../../src/core/createForm';
import { ConfigError } from '../../../src/core/errors';
import { environmentNotOffered, environmentSummary, resolveEnvironment } from '../../../src/core/formSteps/environment';
import {
  envAnswer,
  type EnvRules,
  mergeEnvVars,
  suggestedSecretName,
  validateEnvName,
  validateEnvValue,
  validateSecretName,
} from '../../../src/core/formSteps/envVars';

const RULES: EnvRules = {
  cloud: 'Novita AI',
  maxCount: 2,
  maxNameLength: 10,
  maxValueLength: 20,
  reserved: ['PUBLIC_KEY'],
  command: { maxLength: 20 },
  entrypoint: {},
};
const SECRET = 'hf_live_7Qx9VbN2';
const kept: Record<string, string> = { 'hf-token': SECRET };
const ctx: CreateContext = { jupyterPassword: 'x', secretValue: async (name) => kept[name] };

describe('the environment step: names, values and secrets', () => {
  it('takes names a shell can export, within the cloud’s length, and refuses reserved and repeated ones', () => {
    assert.equal(validateEnvName('HF_TOKEN', RULES), undefined);
    assert.equal(validateEnvName('_x1', RULES), undefined);
    assert.match(validateEnvName('1BAD', RULES)!, /not starting with a digit/);
    assert.match(validateEnvName('MY-VAR', RULES)!, /letters, digits and _/);
    assert.match(validateEnvName('A_VERY_LONG_NAME', RULES)!, /Novita AI takes names of at most 10/);
    assert.match(validateEnvName('PUBLIC_KEY', RULES)!, /GPU Pods sets PUBLIC_KEY itself/);
    assert.match(validateEnvName('HF_HOME', RULES, ['HF_HOME'])!, /already set/);
  });

  it('values: the cloud’s length; on one line where the cloud packs them in one string', () => {
    assert.equal(validateEnvValue('short', RULES), undefined);
    assert.match(validateEnvValue('x'.repeat(21), RULES)!, /at most 20/);
    assert.equal(validateEnvValue('a\nb', RULES), undefined);
    assert.match(validateEnvValue('a\nb', { cloud: 'GPUGeek', singleLineValues: true })!, /one line/);
  });

  it('secret names: lower-case, suggested from the variable, never one already kept', () => {
    assert.equal(suggestedSecretName('HF_TOKEN'), 'hf-token');
    assert.equal(suggestedSecretName('__'), 'secret');
    assert.equal(validateSecretName('hf-token'), undefined);
    assert.match(validateSecretName('HF token')!, /lower-case/);
    assert.match(validateSecretName('hf-token', ['hf-token'])!, /already kept/);
  });

  it('an answer never carries a secret value: a secret variable read back keeps its name only', () => {
    const env = envAnswer({
      env: {
        vars: [
          { name: 'HF_TOKEN', secret: 'hf-token', value: SECRET },
          { name: 'MODE', value: 'train' },
          { name: 'bad name', value: 'x' },
        ],
        command: '  python app.py ',
        entrypoint: '',
      },
    });
    assert.deepEqual(env, {
      vars: [
        { name: 'HF_TOKEN', secret: 'hf-token' },
        { name: 'MODE', value: 'train' },
      ],
      command: 'python app.py',
      entrypoint: undefined,
    });
    assert.deepEqual(envAnswer({ env: 'A=1' }), { vars: [] }, 'anything else reads as none');
  });

  it('a saved set laid over the variables: its variables win, its new ones come last, reserved ones are left out', () => {
    assert.deepEqual(
      mergeEnvVars(
        [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        [
          { name: 'B', secret: 'b' },
          { name: 'C', value: '3' },
          { name: 'PUBLIC_KEY', value: 'x' },
        ],
        RULES,
      ),
      [
        { name: 'A', value: '1' },
        { name: 'B', secret: 'b' },
        { name: 'C', value: '3' },
      ],
    );
  });
});

describe('the environment step: the summary and the request', () => {
  const answers = {
    env: {
      vars: [
        { name: 'HF_TOKEN', secret: 'hf-token' },
        { name: 'MODE', value: 'train' },
      ],
      command: 'python app.py',
    },
  };

  it('the summary shows every variable, a secret masked with its name, then the start command and entrypoint', () => {
    const lines = environmentSummary(answers, RULES);
    assert.deepEqual(
      lines.map((l) => [l.label, l.value, l.fieldId]),
      [
        ['Environment', 'HF_TOKEN = •••••• (secret: hf-token), MODE = train', 'env'],
        ['Start command', 'python app.py', 'env'],
        ['Entrypoint', "the image's own", 'env'],
      ],
    );
    assert.ok(!JSON.stringify(lines).includes(SECRET));
    assert.deepEqual(
      environmentSummary({}, { cloud: 'Yotta Labs' }).map((l) => l.value),
      ['none'],
      'no start command line where the cloud takes none',
    );
    assert.match(environmentNotOffered('NeevCloud').value, /not offered by NeevCloud/);
  });

  it('the request gets the secret’s value, read then and only through the context', async () => {
    const asked: string[] = [];
    const env = await resolveEnvironment(
      answers,
      { ...ctx, secretValue: async (n) => (asked.push(n), kept[n]) },
      RULES,
    );
    assert.deepEqual(env, {
      vars: [
        { key: 'HF_TOKEN', value: SECRET },
        { key: 'MODE', value: 'train' },
      ],
      command: 'python app.py',
      entrypoint: undefined,
    });
    assert.deepEqual(asked, ['hf-token']);
  });

  it('a secret no longer kept stops the create before anything is sent, naming it and never a value', async () => {
    await assert.rejects(
      resolveEnvironment({ env: { vars: [{ name: 'WANDB_API_KEY', secret: 'wandb' }] } }, ctx, RULES),
      (e: unknown) =>
        e instanceof ConfigError && /The secret "wandb" for WANDB_API_KEY is no longer kept/.test(e.message),
    );
  });

  it('more variables than the cloud takes, or a secret value it would refuse, stop the create too', async () => {
    const three = { env: { vars: ['A', 'B', 'C'].map((name) => ({ name, value: '1' })) } };
    await assert.rejects(resolveEnvironment(three, ctx, RULES), /Novita AI takes at most 2 environment variables/);
    const long = { env: { vars: [{ name: 'HF_TOKEN', secret: 'hf-token' }] } };
    await assert.rejects(
      resolveEnvironment(long, ctx, { ...RULES, maxValueLength: 4 }),
      (e: unknown) => e instanceof ConfigError && !e.message.includes(SECRET) && /at most 4/.test(e.message),
    );
  });

  it('a start command or entrypoint the cloud does not take is never sent', async () => {
    const env = await resolveEnvironment({ env: { vars: [], command: 'x', entrypoint: 'y' } }, ctx, {
      cloud: 'Yotta Labs',
    });
    assert.deepEqual(env, { vars: [], command: undefined, entrypoint: undefined });
  });
});
