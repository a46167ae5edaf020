import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { platformFor } from '../../../src/core/platform/platform';
import { nodeProcessRunner, nodeSshFs } from '../../../src/core/ssh/io';
import { configMentionsProxy, proxyFor, proxyOf } from '../../../src/core/ssh/proxyRoute';
import { desktops } from './desktops';
import { tempDir } from './helpers';

/** This machine with its home in `dir`, reading the real files. */
const here = (dir: string) => ({ fs: nodeSshFs, platform: platformFor('linux', { homeDir: dir }) });

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
    assert.equal(await configMentionsProxy(config, here(dir)), true);
    // ssh resolves a relative Include under the real ~/.ssh, so -G is given the absolute path here
    await fsp.writeFile(config, `Include ${join(dir, '.ssh', 'corp', 'gpu.conf')}\n`);
    assert.equal(await proxyFor(nodeProcessRunner, 'ssh', config, 'gpupods-gpugeek-trainer'), 'proxyjump');
    assert.equal(await proxyFor(nodeProcessRunner, 'ssh', config, 'other-host'), undefined);
  });

  it('a config with no Proxy line needs no `ssh -G` at all', async () => {
    const config = join(dir, '.ssh', 'config');
    await fsp.writeFile(config, 'Host *\n  ServerAliveInterval 30\n');
    assert.equal(await configMentionsProxy(config, here(dir)), false);
    assert.equal(await configMentionsProxy(join(dir, '.ssh', 'missing'), here(dir)), false);
  });

  it('reads ProxyCommand from `ssh -G` output, and "none" as no proxy', () => {
    assert.equal(proxyOf('hostname 1.2.3.4\nproxycommand nc -X 5 %h %p\n'), 'proxycommand');
    assert.equal(proxyOf('hostname 1.2.3.4\nproxyjump none\nproxyusefdpass no\n'), undefined);
  });

  for (const d of desktops()) {
    it(`${d.label}: a ProxyJump in an included file is found where that ssh looks for it`, async () => {
      const fs = d.fs();
      const p = d.platform.path;
      const config = p.join(d.sshDir, 'config');
      const include = d.os === 'win32' ? 'Include corp\\*.conf' : 'Include corp/*.conf';
      fs.put(config, `\ufeff# mine\r\n${include}\r\n\r\nHost github.com\r\n\tUser git\r\n`);
      assert.equal(await configMentionsProxy(config, { fs, platform: d.platform }), false, 'nothing there yet');
      fs.put(p.join(d.sshDir, 'corp', 'gpu.conf'), 'Host gpupods-*\r\n  ProxyJump bastion.corp\r\n');
      assert.equal(await configMentionsProxy(config, { fs, platform: d.platform }), true);
    });
  }

  it('an Include only ssh can resolve (an environment variable) is left to `ssh -G`', async () => {
    const [win] = desktops();
    const fs = win.fs();
    const config = win.platform.path.join(win.sshDir, 'config');
    fs.put(config, 'Include ${CORP_SSH}\\gpu.conf\r\n');
    assert.equal(await configMentionsProxy(config, { fs, platform: win.platform }), true);
  });
});
