// @ts-check
// The launcher's side of the channel to the tests running in the extension host.
//
// A loopback HTTP server in the launcher process. Its URL reaches the extension host two ways: the
// GPU_PODS_TEST_CONTROL environment variable (code-server and @vscode/test-electron both pass their
// environment on to the extension host) and a `.gpu-pods-test.json` file in the test workspace folder
// (test/integration/support/control.ts reads the variable first, then the file).
//
//   POST /screenshot {name}      → saves test-artifacts/<name>.png of the workbench (when a page is attached)
//   POST /text {selector}        → {text}: the rendered text of the first element matching the CSS selector in
//                                  the workbench page (null when none does), or {text: null, reason} without a page
//   POST /report {kind, ...}     → kept in memory; `results` (mocha counts) and `bench` are read by the launcher
//   POST /read {selector, attribute?} → {texts}: each matching element's attribute, else aria-label, else text, for what
//                                  the extension API cannot see (the palette's rows, the Settings editor's search)
//   POST /click {selector}       → {clicked}: clicks the first matching element (the status bar's Remote indicator)
//   POST /hover {selector}       → {hovered}: moves the mouse over the first matching element (a tree row's tooltip)
//   POST /type {text}            → {typed}: types into whatever has the keyboard focus (an open quick input)
//   POST /press {key}            → {pressed}: presses one key, in Playwright's names ("Enter", "Escape", "ArrowDown")
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {{ artifactsDir: string, log?: (line: string) => void }} options
 */
export async function startControlServer({ artifactsDir, log = console.log }) {
  /**
   * @typedef {{ screenshot: (path: string) => Promise<void>, read: (selector: string, attribute?: string) => Promise<string[]>,
   *   click: (selector: string) => Promise<boolean>, hover: (selector: string) => Promise<boolean>,
   *   text: (selector: string) => Promise<string | null>, type: (text: string) => Promise<void>,
   *   press: (key: string) => Promise<void> }} Page
   */
  /** @type {Page | undefined} */
  let shooter;
  /** @type {Record<string, any>} */
  const reports = {};
  const screenshots = /** @type {string[]} */ ([]);

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let body;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return send(400, { error: 'body is not JSON' });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (req.method === 'POST' && url.pathname === '/screenshot') {
        const name = String(/** @type {any} */ (body).name ?? 'screenshot').replace(/[^\w.-]+/g, '-');
        if (!shooter) return send(200, { saved: false, reason: 'no browser page in this launcher' });
        mkdirSync(artifactsDir, { recursive: true });
        const file = join(artifactsDir, name.endsWith('.png') ? name : `${name}.png`);
        await shooter.screenshot(file);
        screenshots.push(file);
        log(`[launcher] screenshot saved: ${file}`);
        return send(200, { saved: true, path: file });
      }
      if (
        req.method === 'POST' &&
        (url.pathname === '/read' || url.pathname === '/click' || url.pathname === '/hover')
      ) {
        const selector = String(/** @type {any} */ (body).selector ?? '');
        if (!shooter) return send(200, { reason: 'no browser page in this launcher' });
        const attribute = /** @type {any} */ (body).attribute;
        if (url.pathname === '/read') return send(200, { texts: await shooter.read(selector, attribute) });
        if (url.pathname === '/hover') return send(200, { hovered: await shooter.hover(selector) });
        return send(200, { clicked: await shooter.click(selector) });
      }
      if (req.method === 'POST' && (url.pathname === '/type' || url.pathname === '/press')) {
        if (!shooter) return send(200, { reason: 'no browser page in this launcher' });
        if (url.pathname === '/type') {
          await shooter.type(String(/** @type {any} */ (body).text ?? ''));
          return send(200, { typed: true });
        }
        await shooter.press(String(/** @type {any} */ (body).key ?? ''));
        return send(200, { pressed: true });
      }
      if (req.method === 'POST' && url.pathname === '/text') {
        if (!shooter) return send(200, { text: null, reason: 'no browser page in this launcher' });
        return send(200, { text: await shooter.text(String(/** @type {any} */ (body).selector ?? '')) });
      }
      if (req.method === 'POST' && url.pathname === '/report') {
        const kind = String(/** @type {any} */ (body).kind ?? 'report');
        reports[kind] = body;
        return send(200, { ok: true });
      }
      if (req.method === 'GET' && url.pathname === '/ping') return send(200, { ok: true });
      return send(404, { error: 'unknown route' });
    } catch (e) {
      return send(500, { error: String(/** @type {Error} */ (e)?.message ?? e) });
    }

    /** @param {number} status @param {unknown} obj */
    function send(status, obj) {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    reports,
    screenshots,
    /** @param {Page} s */
    attach(s) {
      shooter = s;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
