import { gpuPods, testHooks } from './support/gpuPods';
import { scanForSecrets } from './support/secretScan';

/**
 * Root hooks for every suite: after each test, the API keys of the accounts it connected are noted (once GPU
 * Pods is loaded: the activation suites must see it unloaded); after the whole run, the secret scan looks for
 * them in GPU Pods' log, the user settings and global state. Suites that add secrets of their own (pod
 * passwords, secret environment values) also scan themselves, with what they captured.
 */
const keys = new Set<string>();

afterEach(async () => {
  if (!(await testHooks()).isLoaded()) return;
  const { services } = await gpuPods();
  for (const account of services.accounts.list()) {
    const key = await services.accounts.getKey(account.id);
    if (key) keys.add(key);
  }
});

after(async function () {
  this.timeout(30_000);
  if (keys.size) await scanForSecrets([...keys]);
});
