/*
 * Runs the extension's mocha integration suite (out/test/vscode/suite/index.js) inside a real
 * VS Code: code-server (VS Code workbench + Node extension host) driven by headless Chromium.
 * See /work/shared/notes/real-vscode-tests.md. Prerequisites: `bash scripts/setup-vscode-test.sh`.
 *
 * Usage:  node out/test/vscode/runCodeServer.js [--suite extension|screenshots] [--vsix <file.vsix>]
 *                                                 [--workspace <folder>] [--timeout <seconds>] [--verbose]
 *
 *   --suite extension    (default) the integration suite, out/test/vscode/suite/index.js
 *   --suite screenshots  the README screenshots, out/test/vscode/screenshots/index.js: opens a
 *                        temporary copy of samples/ (folder "studies"), light theme, a 1400x900
 *                        page, and saves the pictures in docs/images/ (or STUDYSPEC_SCREENSHOT_DIR)
 *   --vsix <file>        test the packaged extension: install the .vsix into the run's extensions
 *                        folder (code-server --install-extension) and load no development copy
 *                        (a stub extension stands in as extensionDevelopmentPath, which VS Code
 *                        needs to run tests)
 *
 * Environment:
 *   STUDYSPEC_VSCODE_SUITE           as --suite
 *   STUDYSPEC_VSIX                   as --vsix
 *   STUDYSPEC_TEST_WORKSPACE         folder opened in VS Code (default test/vscode/workspace)
 *   STUDYSPEC_EXTENSION_PATH         extensionDevelopmentPath (default: repository root)
 *   STUDYSPEC_EXTENSION_TESTS_PATH   extensionTestsPath (default: the suite's index.js)
 *   STUDYSPEC_VSCODE_TEST_TIMEOUT    overall timeout in seconds (default 300)
 *   STUDYSPEC_VSCODE_VERBOSE=1       also print workbench log lines and code-server output
 *   STUDYSPEC_SCREENSHOT_DIR         enables screenshots requested by the tests (see below)
 *   STUDYSPEC_CHROMIUM_PATH          browser binary (default /usr/bin/chromium)
 *   STUDYSPEC_KEEP_TMP=1             keep the temporary HOME/user-data folder
 *
 * Exit code: the suite's exit code (0 = all passed); 1 on harness errors and timeouts.
 * Output: mocha's report (marked by suite/index.ts), workbench errors ("[vscode error]") and
 * errors from the extension host log such as failed activations ("[exthost error]").
 * After every run the page is captured in .vscode-test/screenshots/last-run.png; logs are in
 * .vscode-test/logs/: code-server.log, automation.log (every workbench log line, including
 * console.log output of tests and extension), browser-console.log, workbench/ (browser-side log
 * files), server/ (server and extension host log files). Each run overwrites them.
 *
 * Screenshots from inside tests (STUDYSPEC_SCREENSHOT_DIR set):
 *   - the page function `window.codeAutomationScreenshot(name)` is exposed in every frame of the
 *     workbench page (Playwright's exposeFunction); it saves `<dir>/<name>.png` and resolves to
 *     that path. The extension host is a Node process on the server side, not in the page, so it
 *     cannot call a window function; only scripts in the page can (e.g. a webview's script).
 *   - therefore the runner also serves the same function over loopback HTTP and passes its URL
 *     to code-server (and so to the extension host) as STUDYSPEC_SCREENSHOT_URL:
 *       await fetch(`${process.env.STUDYSPEC_SCREENSHOT_URL}?name=${encodeURIComponent('x')}`)
 *     answers 200 with JSON {"path": ".../x.png"} once the screenshot is on disk.
 *     Tests should skip screenshots when STUDYSPEC_SCREENSHOT_URL is undefined (Electron runs).
 *   - the same server clicks in the page, for what no command can do (collapse a view pane,
 *     expand a tree item): GET <same origin>/click?selector=<Playwright selector> clicks the first
 *     match in the workbench page (not inside webviews) and answers 200 {"clicked": selector}.
 *       await fetch(new URL(`click?selector=${encodeURIComponent('.pane-header:has-text("x")')}`, url))
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { Browser, Page, chromium } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VT = path.join(ROOT, '.vscode-test');
const NODE24 = path.join(VT, 'node24', 'bin', 'node');
const CODE_SERVER_ENTRY = path.join(VT, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const LOG_DIR = path.join(VT, 'logs');
const LAST_SCREENSHOT = path.join(VT, 'screenshots', 'last-run.png');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

type SuiteName = 'extension' | 'screenshots';

interface Options {
  suite: SuiteName;
  /** undefined: a temporary copy of samples/ (screenshots suite) */
  workspace: string | undefined;
  extensionPath: string;
  vsix: string | undefined;
  testsPath: string;
  timeoutMs: number;
  verbose: boolean;
  screenshotDir: string | undefined;
  chromium: string;
  keepTmp: boolean;
  viewport: { width: number; height: number };
  settings: Record<string, unknown>;
}

class HarnessError extends Error {}

function say(msg: string): void {
  process.stdout.write(`[runCodeServer] ${msg}\n`);
}

/** Settings added for the screenshots suite: a light theme that prints well, no minimap. */
const SCREENSHOT_SETTINGS = {
  'workbench.colorTheme': 'Default Light Modern',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  'breadcrumbs.enabled': false,
  'editor.hover.delay': 100,
};

function parseOptions(argv: string[]): Options {
  const env = process.env;
  let workspace: string | undefined = env.STUDYSPEC_TEST_WORKSPACE || undefined;
  let timeoutSec = Number(env.STUDYSPEC_VSCODE_TEST_TIMEOUT || 300);
  let verbose = env.STUDYSPEC_VSCODE_VERBOSE === '1' || env.STUDYSPEC_VSCODE_VERBOSE === 'true';
  let suite = env.STUDYSPEC_VSCODE_SUITE || 'extension';
  let vsix = env.STUDYSPEC_VSIX || undefined;
  const value = (i: number, a: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new HarnessError(`${a} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--workspace' || a === '--folder') workspace = value(++i, a);
    else if (a === '--timeout') timeoutSec = Number(value(++i, a));
    else if (a === '--verbose') verbose = true;
    else if (a === '--suite') suite = value(++i, a);
    else if (a === '--vsix') vsix = value(++i, a);
    else if (!a.startsWith('-')) workspace = a;
    else throw new HarnessError(`unknown option ${a}`);
  }
  if (suite !== 'extension' && suite !== 'screenshots') throw new HarnessError(`unknown suite ${suite} (extension or screenshots)`);
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0) throw new HarnessError('timeout must be a positive number of seconds');
  const screenshots = suite === 'screenshots';
  if (!workspace && !screenshots) workspace = path.join(ROOT, 'test', 'vscode', 'workspace');
  const screenshotDir = env.STUDYSPEC_SCREENSHOT_DIR || (screenshots ? path.join(ROOT, 'docs', 'images') : undefined);
  const opts: Options = {
    suite,
    workspace: workspace ? path.resolve(workspace) : undefined,
    extensionPath: path.resolve(env.STUDYSPEC_EXTENSION_PATH || ROOT),
    vsix: vsix ? path.resolve(vsix) : undefined,
    testsPath: path.resolve(env.STUDYSPEC_EXTENSION_TESTS_PATH || path.join(__dirname, screenshots ? 'screenshots' : 'suite', 'index.js')),
    timeoutMs: timeoutSec * 1000,
    verbose,
    screenshotDir: screenshotDir ? path.resolve(screenshotDir) : undefined,
    chromium: env.STUDYSPEC_CHROMIUM_PATH || '/usr/bin/chromium',
    keepTmp: env.STUDYSPEC_KEEP_TMP === '1',
    viewport: screenshots ? { width: 1400, height: 900 } : { width: 1280, height: 800 },
    settings: screenshots ? { ...TEST_SETTINGS, ...SCREENSHOT_SETTINGS } : TEST_SETTINGS,
  };
  const need: Array<[string, string, string]> = [
    [NODE24, 'Node 24', 'run: bash scripts/setup-vscode-test.sh'],
    [CODE_SERVER_ENTRY, 'code-server', 'run: bash scripts/setup-vscode-test.sh'],
    [opts.chromium, 'chromium', 'run: bash scripts/setup-vscode-test.sh'],
    [opts.workspace ?? path.join(ROOT, 'samples'), 'workspace folder', 'pass --workspace <folder> or STUDYSPEC_TEST_WORKSPACE'],
    [opts.testsPath, 'compiled suite', 'run: npx tsc -b'],
  ];
  if (opts.vsix) need.push([opts.vsix, 'packaged extension', 'run: npx vsce package --no-dependencies']);
  else need.push([path.join(opts.extensionPath, 'package.json'), 'extension manifest', 'set STUDYSPEC_EXTENSION_PATH']);
  for (const [p, what, hint] of need) {
    if (!fs.existsSync(p)) throw new HarnessError(`${what} not found at ${p} (${hint})`);
  }
  return opts;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function sanitize(name: string): string {
  const base = String(name)
    .replace(/\.png$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+/, '');
  return base.slice(0, 100) || 'screenshot';
}

/** Marker the suite puts in front of mocha's report lines (see suite/index.ts). */
const MOCHA_MARKER = '\u2063studyspec-mocha\u2063';

/**
 * User settings for the throwaway profile: no update checks, gallery queries, recommendations,
 * AI/chat features or welcome pages, which only add network errors and log noise here.
 */
const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
};

/** Turn the arguments of one workbench log call into text, like console.log would. */
function formatLogArgs(args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  return util.format(...list);
}

class Run {
  private child: ChildProcess | undefined;
  private browser: Browser | undefined;
  private page: Page | undefined;
  private bridge: http.Server | undefined;
  private tmp: string;
  private csLog: fs.WriteStream;
  private automationLog: fs.WriteStream;
  private consoleLog: fs.WriteStream;
  private screenshotQueue: Promise<unknown> = Promise.resolve();
  private exitCode: ((code: number) => void) | undefined;
  private finished = false;
  private suiteDone = false; // after codeAutomationExit, workbench errors are teardown noise
  private userData = '';

  constructor(private readonly opts: Options) {
    fs.mkdirSync(LOG_DIR, { recursive: true });
    fs.mkdirSync(path.dirname(LAST_SCREENSHOT), { recursive: true });
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-vscode-'));
    this.csLog = fs.createWriteStream(path.join(LOG_DIR, 'code-server.log'));
    this.automationLog = fs.createWriteStream(path.join(LOG_DIR, 'automation.log'));
    this.consoleLog = fs.createWriteStream(path.join(LOG_DIR, 'browser-console.log'));
  }

  /** Fresh HOME, XDG_* and TMPDIR under the run's temporary folder. */
  private isolatedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      // npm_* (outer `npm run`), VSCODE_* (e.g. when started from a VS Code terminal, where
      // VSCODE_IPC_HOOK_CLI would make code-server open in that instance), ELECTRON_*, and
      // code-server's own configuration variables must not leak in.
      if (/^(npm_|VSCODE_|ELECTRON_|CODE_SERVER_)/i.test(k) || k === 'PASSWORD' || k === 'HASHED_PASSWORD' || k === 'NODE') continue;
      env[k] = v;
    }
    const dirs: Record<string, string> = {
      HOME: 'home',
      XDG_CONFIG_HOME: 'config',
      XDG_DATA_HOME: 'data',
      XDG_CACHE_HOME: 'cache',
      XDG_STATE_HOME: 'state',
      XDG_RUNTIME_DIR: 'runtime',
      TMPDIR: 'tmp',
    };
    for (const [k, d] of Object.entries(dirs)) {
      const p = path.join(this.tmp, d);
      fs.mkdirSync(p, { recursive: true, mode: 0o700 });
      env[k] = p;
    }
    return { ...env, ...extra };
  }

  /** The screenshots suite works on a throwaway copy of samples/, which it may change. */
  private sampleWorkspace(): string {
    const dir = path.join(this.tmp, 'studies');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(path.join(ROOT, 'samples'))) {
      if (f.endsWith('.study')) fs.copyFileSync(path.join(ROOT, 'samples', f), path.join(dir, f));
    }
    return dir;
  }

  /** A do-nothing extension to name as extensionDevelopmentPath when testing an installed .vsix. */
  private stubExtension(): string {
    const dir = path.join(this.tmp, 'test-host');
    fs.mkdirSync(dir, { recursive: true });
    const manifest = { name: 'studyspec-test-host', publisher: 'studyspec-test', version: '0.0.0', engines: { vscode: '*' } };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    return dir;
  }

  /** code-server --install-extension <vsix> into the run's extensions folder. */
  private async installVsix(vsix: string, userData: string, extensions: string, env: NodeJS.ProcessEnv): Promise<void> {
    const args = [CODE_SERVER_ENTRY, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix, '--force'];
    const out = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
      const p = spawn(NODE24, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      p.stdout!.on('data', (d: Buffer) => (text += d.toString()));
      p.stderr!.on('data', (d: Buffer) => (text += d.toString()));
      p.on('error', reject);
      p.on('exit', (code) => resolve({ code, text }));
    });
    this.csLog.write(`--install-extension ${vsix}\n${out.text}\n`);
    if (out.code !== 0) throw new HarnessError(`installing ${vsix} failed (exit code ${out.code}):\n${out.text.trim()}`);
    const installed = fs.readdirSync(extensions).filter((d) => !d.startsWith('.') && d !== 'extensions.json');
    say(`installed ${path.basename(vsix)} -> ${installed.join(', ')}`);
  }

  async main(): Promise<number> {
    const o = this.opts;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const workspace = o.workspace ?? this.sampleWorkspace();
    const extensionPath = o.vsix ? this.stubExtension() : o.extensionPath;
    say(`VS Code (code-server) on ${base}; suite ${o.suite}; extension ${o.vsix ?? o.extensionPath}; workspace ${workspace}`);

    const extraEnv: Record<string, string> = {
      PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
      // The extension host inherits code-server's environment; the suite reads this.
      STUDYSPEC_MOCHA_LOG_MARKER: MOCHA_MARKER,
      // No extension gallery (open-vsx.org is unreachable here): avoids failing queries.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '', itemUrl: '', resourceUrlTemplate: '' }),
    };
    if (o.screenshotDir) {
      fs.mkdirSync(o.screenshotDir, { recursive: true });
      extraEnv.STUDYSPEC_SCREENSHOT_URL = await this.startScreenshotBridge();
      extraEnv.STUDYSPEC_SCREENSHOT_DIR = o.screenshotDir;
      say(`screenshots requested by tests go to ${o.screenshotDir}`);
    }

    const userData = (this.userData = path.join(this.tmp, 'user-data'));
    const extensions = path.join(this.tmp, 'extensions');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(o.settings, null, 2));
    fs.mkdirSync(extensions, { recursive: true });
    const env = this.isolatedEnv(extraEnv);
    if (o.vsix) await this.installVsix(o.vsix, userData, extensions, env);
    const args = [
      CODE_SERVER_ENTRY,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--vscode-option',
      'enable-smoke-test-driver',
    ];
    // detached => own session and process group; the whole group is stopped at the end.
    this.child = spawn(NODE24, args, { cwd: workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const child = this.child;
    child.stdout!.on('data', (d: Buffer) => this.codeServerOutput(d));
    child.stderr!.on('data', (d: Buffer) => this.codeServerOutput(d));
    const exited = new Promise<never>((_, reject) => {
      child.on('exit', (code, signal) => {
        if (!this.finished) reject(new HarnessError(`code-server exited early (code ${code}, signal ${signal}); see ${path.join(LOG_DIR, 'code-server.log')}`));
      });
      child.on('error', (err) => reject(new HarnessError(`cannot start code-server: ${err.message}`)));
    });
    exited.catch(() => undefined);

    const t0 = Date.now();
    await Promise.race([this.waitHealthy(base), exited]);
    say(`code-server healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    this.browser = await chromium.launch({
      executablePath: o.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      env: this.isolatedEnv({}),
      // The runner's own signal handlers stop everything and remove the temporary folder.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const context = await this.browser.newContext({ viewport: o.viewport });
    const page = await context.newPage();
    this.page = page;
    page.on('console', (m) => this.consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => this.consoleLog.write(`[pageerror] ${e.stack || e.message}\n`));

    const exitCode = new Promise<number>((resolve) => {
      this.exitCode = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => this.onLog(type, args));
    await page.exposeFunction('codeAutomationExit', (a: unknown, b: unknown) => this.onExit(a, b));
    await page.exposeFunction('codeAutomationScreenshot', (name: string) => this.screenshot(name));

    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(o.testsPath)],
      ['skipWelcome', 'true'],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const t1 = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    say('workbench opened; running the suite');

    const code = await Promise.race([exitCode, exited]);
    say(`suite finished with exit code ${code} after ${((Date.now() - t1) / 1000).toFixed(1)} s in the workbench`);
    return code;
  }

  private codeServerOutput(d: Buffer): void {
    this.csLog.write(d);
    if (this.opts.verbose) process.stdout.write(d.toString().replace(/^/gm, '[code-server] '));
  }

  private async waitHealthy(base: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if ((await httpStatus(`${base}/healthz`)) === 200) return;
      await sleep(200);
    }
    throw new HarnessError(`code-server did not answer ${base}/healthz within 60 s; see ${path.join(LOG_DIR, 'code-server.log')}`);
  }

  /**
   * Every workbench log call arrives here (type = trace|debug|info|warn|error), including the
   * extension host's console output. Everything goes to automation.log. Mocha's report lines,
   * marked by the suite, go to stdout; errors go to stdout with a prefix (unless known noise).
   */
  private onLog(type: string, args: unknown[]): void {
    const text = formatLogArgs(args);
    const marked = text.startsWith(MOCHA_MARKER);
    const clean = marked ? text.slice(MOCHA_MARKER.length) : text;
    this.automationLog.write(`[${type}] ${clean}\n`);
    let out: string | undefined;
    if (marked) out = clean;
    else if (this.opts.verbose) out = `[vscode ${type}] ${clean}`;
    else if (type === 'error' && !this.suiteDone && !/ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(clean)) out = `[vscode error] ${clean}`;
    if (out !== undefined) process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  }

  private onExit(a: unknown, b: unknown): void {
    // VS Code >= 1.9x calls codeAutomationExit(code, logs); older builds (logs, code).
    this.suiteDone = true;
    const code = typeof a === 'number' ? a : typeof b === 'number' ? b : 1;
    const logs = Array.isArray(a) ? a : Array.isArray(b) ? b : [];
    const dir = path.join(LOG_DIR, 'workbench');
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of logs as Array<{ relativePath?: string; contents?: string }>) {
      if (!f || typeof f.relativePath !== 'string') continue;
      const target = path.join(dir, path.normalize(f.relativePath).replace(/^(\.\.[/\\])+/, ''));
      if (!target.startsWith(dir)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.contents ?? '');
    }
    this.reportExtensionHostErrors();
    this.exitCode?.(code);
  }

  /**
   * Errors logged by the extension host (e.g. "Activating extension ... failed") reach neither
   * the page nor the suite; print those logged before the host starts terminating (later ones
   * are shutdown noise). The full server-side logs are copied to .vscode-test/logs/server/.
   */
  private reportExtensionHostErrors(): void {
    const logsRoot = path.join(this.userData, 'logs');
    const found: string[] = [];
    try {
      for (const session of fs.readdirSync(logsRoot)) {
        const sessionDir = path.join(logsRoot, session);
        for (const host of fs.readdirSync(sessionDir).filter((d) => d.startsWith('exthost'))) {
          const file = path.join(sessionDir, host, 'remoteexthost.log');
          if (!fs.existsSync(file)) continue;
          let inError = false;
          for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
            // After this line the host is shutting down: cancelled requests are not failures.
            if (/Extension host terminating/.test(line)) break;
            const entry = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[(\w+)\]/.exec(line);
            if (entry) inError = entry[1] === 'error';
            // Stack frames inside code-server or Node itself only add length.
            if (inError && line.trim() && !/^\s+at .*(\.vscode-test[\\/]code-server|node:internal)/.test(line)) found.push(line);
          }
        }
      }
    } catch {
      return;
    }
    const shown = found.slice(0, 40);
    for (const line of shown) process.stdout.write(`[exthost error] ${line}\n`);
    if (found.length > shown.length) say(`... ${found.length - shown.length} more error lines in ${path.join(LOG_DIR, 'server')}`);
  }

  /** Page function codeAutomationScreenshot(name) and the HTTP bridge both end up here. */
  private screenshot(name: string): Promise<string> {
    const job = this.screenshotQueue.then(async () => {
      if (!this.opts.screenshotDir) throw new Error('STUDYSPEC_SCREENSHOT_DIR is not set');
      if (!this.page) throw new Error('no page yet');
      const file = path.join(this.opts.screenshotDir, `${sanitize(name)}.png`);
      await this.page.screenshot({ path: file });
      say(`screenshot ${file}`);
      return file;
    });
    this.screenshotQueue = job.catch(() => undefined);
    return job;
  }

  /** The bridge's /click: one click on the first element matching a Playwright selector. */
  private async click(selector: string): Promise<void> {
    if (!this.page) throw new Error('no page yet');
    await this.page.locator(selector).first().click({ timeout: 10_000 });
    say(`clicked ${selector}`);
  }

  private startScreenshotBridge(): Promise<string> {
    return new Promise((resolve, reject) => {
      const srv = http.createServer((req, res) => {
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const name = u.searchParams.get('name');
        const selector = u.searchParams.get('selector');
        if (u.pathname === '/click' && selector) {
          this.click(selector).then(
            () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ clicked: selector })),
            (err: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message })),
          );
          return;
        }
        if (u.pathname !== '/screenshot' || !name) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'GET /screenshot?name=<name> or /click?selector=<selector>' }));
          return;
        }
        this.screenshot(name).then(
          (file) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: file })),
          (err: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message })),
        );
      });
      this.bridge = srv;
      srv.on('error', reject);
      srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(srv.address() as net.AddressInfo).port}/screenshot`));
    });
  }

  async lastScreenshot(): Promise<void> {
    if (!this.page) return;
    try {
      await this.page.screenshot({ path: LAST_SCREENSHOT, timeout: 15_000 });
      say(`screenshot of the workbench: ${path.relative(process.cwd(), LAST_SCREENSHOT) || LAST_SCREENSHOT}`);
    } catch (e) {
      say(`could not take the final screenshot: ${(e as Error).message}`);
    }
  }

  /** Synchronous part of the cleanup, also safe from process.on('exit'). */
  killGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      /* group already gone */
    }
  }

  private groupAlive(): boolean {
    const pid = this.child?.pid;
    if (!pid) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  async cleanup(): Promise<void> {
    this.finished = true;
    try {
      await this.browser?.close();
    } catch {
      /* ignore */
    }
    this.bridge?.close();
    if (this.child?.pid) {
      this.killGroup('SIGTERM');
      const deadline = Date.now() + 5000;
      while (this.groupAlive() && Date.now() < deadline) await sleep(100);
      if (this.groupAlive()) this.killGroup('SIGKILL');
      this.child = undefined;
    }
    if (this.userData) {
      const target = path.join(LOG_DIR, 'server');
      try {
        fs.rmSync(target, { recursive: true, force: true });
        fs.cpSync(path.join(this.userData, 'logs'), target, { recursive: true });
      } catch {
        /* no server logs */
      }
    }
    await Promise.all([this.csLog, this.automationLog, this.consoleLog].map((s) => new Promise((r) => s.end(r))));
    if (!this.opts.keepTmp) {
      fs.rmSync(this.tmp, { recursive: true, force: true, maxRetries: 3 });
    } else {
      say(`kept temporary folder ${this.tmp}`);
    }
  }
}

async function runMain(): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    say(`ERROR: ${(e as Error).message}`);
    return 1;
  }
  const run = new Run(opts);
  process.on('exit', () => run.killGroup('SIGKILL'));
  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`${sig}: stopping`);
    void run.cleanup().finally(() => process.exit(128 + (os.constants.signals[sig] ?? 2)));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HarnessError(`TIMEOUT: the test run did not finish within ${opts.timeoutMs / 1000} s ` + `(raise STUDYSPEC_VSCODE_TEST_TIMEOUT or --timeout). See ${LAST_SCREENSHOT} and ${LOG_DIR}/`),
        ),
      opts.timeoutMs,
    );
  });
  let code: number;
  try {
    code = await Promise.race([run.main(), timeout]);
  } catch (e) {
    say(`ERROR: ${e instanceof HarnessError ? e.message : (e as Error).stack || String(e)}`);
    const tail = tailOf(path.join(LOG_DIR, 'code-server.log'), 15);
    if (tail) process.stdout.write(`[runCodeServer] last lines of code-server.log:\n${tail}\n`);
    code = 1;
  } finally {
    clearTimeout(timer);
  }
  await run.lastScreenshot();
  await run.cleanup();
  say(`${code === 0 ? 'PASSED' : 'FAILED'} (exit code ${code}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

function tailOf(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

runMain().then(
  (code) => process.exit(code),
  (e) => {
    say(`ERROR: ${(e as Error).stack || String(e)}`);
    process.exit(1);
  },
);
