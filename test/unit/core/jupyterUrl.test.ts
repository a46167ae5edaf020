import assert from 'node:assert/strict';
import { jupyterOpenUrl, jupyterServerRoot } from '../../../src/core/jupyterUrl';

describe('Jupyter URLs from clouds', () => {
  it('finds the server root behind a /lab or /tree page', () => {
    assert.equal(jupyterServerRoot('http://h:42757/lab?token=abc')?.toString(), 'http://h:42757/');
    assert.equal(
      jupyterServerRoot('https://x.example.com/pod-1/tree/notebooks#x')?.toString(),
      'https://x.example.com/pod-1/',
    );
    assert.equal(jupyterServerRoot('http://127.0.0.1:9/pod-1')?.toString(), 'http://127.0.0.1:9/pod-1/');
  });

  it('applies our token, replacing one the URL carried', () => {
    assert.equal(jupyterOpenUrl('http://h:1/lab?token=old', 'new')?.toString(), 'http://h:1/lab?token=new');
    assert.equal(jupyterOpenUrl('http://h:1/lab', undefined)?.toString(), 'http://h:1/lab');
  });

  it('refuses anything that is not plain http(s)', () => {
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'command:workbench.action.quit',
      'http://user:pw@h/',
      'not a url',
    ]) {
      assert.equal(jupyterServerRoot(bad), undefined, bad);
      assert.equal(jupyterOpenUrl(bad, 't'), undefined, bad);
    }
  });
});
