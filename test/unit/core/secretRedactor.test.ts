import assert from 'node:assert/strict';
import { CloudError } from '../../../src/core/errors';
import { scrubbingErrors } from '../../../src/core/scrubbedErrors';
import { headerSecrets, SecretRedactor } from '../../../src/core/secretRedactor';

describe('SecretRedactor: secrets by value', () => {
  it('scrubs a value in every form it takes in our output: as is, JSON-escaped, URL-encoded, trimmed', () => {
    const s = new SecretRedactor();
    s.add('k"ey/with+odd chars\n');
    const text = `raw k"ey/with+odd chars json ${JSON.stringify('k"ey/with+odd chars')} url ?x=${encodeURIComponent('k"ey/with+odd chars')}`;
    assert.equal(s.scrub(text), 'raw *** json "***" url ?x=***');
  });

  it('ignores values too short to be secrets, which would blank ordinary words', () => {
    const s = new SecretRedactor();
    s.add('abc');
    s.add('');
    s.add(undefined);
    assert.equal(s.scrub('abc 1 true'), 'abc 1 true');
  });

  it('learns passwords and tokens from password/token fields, env pairs and URLs, not from other fields', () => {
    const s = new SecretRedactor();
    s.learn({
      data: [
        { id: 'p1', name: 'my-pod-name', sshPassword: 'Pw-111111', auth: 'password' },
        {
          environmentVars: [
            { key: 'JUPYTER_PASSWORD', value: 'jup-222222' },
            { key: 'MODE', value: 'training' },
          ],
        },
        { notebookUrl: 'http://h:8888/lab?token=tok-333333&x=1' },
        { jupyterToken: 'none' },
      ],
    });
    assert.equal(s.scrub('Pw-111111 jup-222222 tok-333333'), '*** *** ***');
    assert.equal(s.scrub('my-pod-name training password none'), 'my-pod-name training password none');
  });

  it('keeps the key however many passwords it learns; the oldest learned values go first', () => {
    const s = new SecretRedactor();
    s.add('yk-account-key');
    s.learn({ pods: Array.from({ length: 600 }, (_, i) => ({ sshPassword: `pw-${String(i).padStart(6, '0')}` })) });
    assert.equal(s.scrub('yk-account-key pw-000599'), '*** ***');
    assert.equal(s.scrub('pw-000000'), 'pw-000000');
  });

  it('scrubs an error in place: message, details, code and stack, keeping its class', () => {
    const s = new SecretRedactor();
    s.add('sk-live-999');
    const e = new CloudError('refused sk-live-999', 'BAD_sk-live-999', 400, 'body {"key":"sk-live-999"}');
    assert.equal(s.scrubError(e), e);
    assert.ok(e instanceof CloudError);
    assert.equal(e.message, 'refused ***');
    assert.equal(e.code, 'BAD_***');
    assert.equal(e.details, 'body {"key":"***"}');
    assert.ok(!e.stack?.includes('sk-live-999'));
  });

  it('reads the key out of auth headers, bearer or not', () => {
    assert.deepEqual(headerSecrets({ Authorization: 'Bearer pat-nc-1' }), ['Bearer pat-nc-1', 'pat-nc-1']);
    assert.deepEqual(headerSecrets({ 'X-Api-Key': 'yk-1' }), ['yk-1']);
  });
});

describe('scrubbingErrors: nothing a provider raises carries a known secret', () => {
  const secrets = new SecretRedactor();
  secrets.add('pod-pass-777');
  const target = {
    cloud: 'yotta',
    facts: { stopWord: 'pause' },
    vms: { allows: () => true },
    async listPods() {
      return [{ id: '1', name: 'a' }];
    },
    async getPod(): Promise<never> {
      throw new CloudError('login pod-pass-777 refused', 'X', 200, 'pod-pass-777');
    },
    syncThrow(): never {
      throw new Error('sync pod-pass-777');
    },
    createForm() {
      return {
        async create(): Promise<never> {
          throw new CloudError('bad password pod-pass-777', '10001');
        },
      };
    },
  };
  const p = scrubbingErrors(target, secrets);

  it('scrubs rejections and throws, in nested forms too, and keeps the error class', async () => {
    await assert.rejects(
      p.getPod(),
      (e: unknown) => e instanceof CloudError && e.message === 'login *** refused' && e.details === '***',
    );
    assert.throws(() => p.syncThrow(), /sync \*\*\*/);
    await assert.rejects(
      p.createForm().create(),
      (e: unknown) => e instanceof CloudError && e.message === 'bad password ***',
    );
  });

  it('passes data through untouched and keeps members stable', async () => {
    assert.deepEqual(await p.listPods(), [{ id: '1', name: 'a' }]);
    assert.equal(p.cloud, 'yotta');
    assert.equal(p.listPods, p.listPods);
    assert.equal(p.facts, p.facts);
    assert.equal(p.vms, p.vms);
    assert.equal(p.vms.allows(), true);
  });
});
