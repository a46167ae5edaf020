import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { nodeProcessRunner } from '../../../src/core/ssh/io';
import { configMentionsProxy, proxyFor, proxyOf } from '../../../src/core/ssh/proxyRoute';
import { tempDir } from './helpers';

describe("a pod your ssh config sends through a proxy: GPU Pods' own client steps aside", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('gpupods-proxy-');
    await fsp.mkdir(join(dir, '.ssh'));
  });
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  it('a ProxyJump in a file the config includes is found, and `ssh -G` names it for our alias', async () => {
    const config = join(dir, '.ssh', 'config');
    await fsp.writeFile(config, 'Include corp/*.conf\n\nHost github.com\n  User git\n');
    await fsp.mkdir(join(dir, '.ssh', 'corp'));
    await fsp.writeFile(join(dir, '.ssh', 'corp', 'gpu.conf'), 'Host gpupods-*\r\n  ProxyJump bastion.corp\r\n');
    assert.equal(await configMentionsProxy(config, dir), true);
    // ssh resolves a relative Include under the real ~/.ssh, so -G is given the absolute path here
    await fsp.writeFile(config, `Include ${join(dir, '.ssh', 'corp', 'gpu.conf')}\n`);
    assert.equal(await proxyFor(nodeProcessRunner, 'ssh', config, 'gpupods-gpugeek-trainer'), 'proxyjump');
    assert.equal(await proxyFor(nodeProcessRunner, 'ssh', config, 'other-host'), undefined);
  });

  it('a config with no Proxy line needs no `ssh -G` at all', async () => {
    const config = join(dir, '.ssh', 'config');
    await fsp.writeFile(config, 'Host *\n  ServerAliveInterval 30\n');
    assert.equal(await configMentionsProxy(config, dir), false);
    assert.equal(await configMentionsProxy(join(dir, '.ssh', 'missing'), dir), false);
  });

  it('reads ProxyCommand from `ssh -G` output, and "none" as no proxy', () => {
    assert.equal(proxyOf('hostname 1.2.3.4\nproxycommand nc -X 5 %h %p\n'), 'proxycommand');
    assert.equal(proxyOf('hostname 1.2.3.4\nproxyjump none\nproxyusefdpass no\n'), undefined);
  });
});
