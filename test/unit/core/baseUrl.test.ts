import assert from 'node:assert/strict';
import { validateBaseUrl } from '../../../src/core/baseUrl';
import { ConfigError } from '../../../src/core/errors';

describe('validateBaseUrl', () => {
  it('accepts https and strips the trailing slash', () => {
    assert.equal(validateBaseUrl('https://api.yottalabs.ai/', 'gpuPods.yotta.baseUrl'), 'https://api.yottalabs.ai');
  });

  it('accepts plain http only on loopback', () => {
    assert.equal(validateBaseUrl('http://127.0.0.1:4780/yotta', 's'), 'http://127.0.0.1:4780/yotta');
    assert.equal(validateBaseUrl('http://localhost:1/x', 's'), 'http://localhost:1/x');
  });

  it('refuses plain http elsewhere, naming the setting', () => {
    assert.throws(
      () => validateBaseUrl('http://api.yottalabs.ai', 'gpuPods.yotta.baseUrl'),
      (e: unknown) =>
        e instanceof ConfigError && e.message.includes('gpuPods.yotta.baseUrl') && e.message.includes('https'),
    );
  });

  it('refuses other schemes, garbage and embedded credentials', () => {
    for (const bad of ['file:///etc/passwd', 'ftp://x', 'not a url', 'https://user:pw@api.example.com']) {
      assert.throws(() => validateBaseUrl(bad, 'gpuPods.novita.baseUrl'), ConfigError, bad);
    }
  });
});
