#!/usr/bin/env node
// End-to-end test of the tflint extension in a real VS Code (code-server) driven by headless Chromium.
//
//   node e2e/run.js --code-server BIN --vsix tflint.vsix [--python PY] [--artifacts DIR] [--only NAME[,NAME]]
//
// Each scenario gets a fresh code-server (own user-data, extensions, XDG and config dirs under a temp dir,
// own process group, killed at the end) and a fresh copy of e2e/fixtures/workspace. The language server is
// the working tree's `python -m tflint lsp`: PY (default: <repo>/.venv/bin/python, else python3) is set as
// `tflint.interpreter` and the repository root is put on PYTHONPATH. Exit code 0 only when every scenario passes.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const EXT_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(EXT_DIR, '..');
const FIXTURES = path.join(__dirname, 'fixtures', 'workspace');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    out[a.slice(2)] = argv[++i];
  }
  return out;
}
const args = parseArgs(process.argv.slice(2));
const CODE_SERVER = path.resolve(args['code-server'] || path.join(EXT_DIR, '.e2e/code-server/node_modules/.bin/code-server'));
const VSIX = path.resolve(args.vsix || path.join(EXT_DIR, 'tflint.vsix'));
const ARTIFACTS = path.resolve(args.artifacts || path.join(EXT_DIR, '.e2e/artifacts'));
const PYTHON =
  args.python ||
  process.env.TFLINT_E2E_PYTHON ||
  (fs.existsSync(path.join(REPO, '.venv/bin/python')) ? path.join(REPO, '.venv/bin/python') : 'python3');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ONLY = args.only ? args.only.split(',') : null;
const KEEP = process.env.TFLINT_E2E_KEEP === '1';
const cleanup = []; // temp dirs removed at the end (a failed scenario's dir is kept for its logs)

const T0 = Date.now();
const stamp = () => `[${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s]`;
const log = (...a) => console.log(stamp(), ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- oracles from the working tree

/** `python -m tflint FILE --format json` on the fixture: what the Problems panel must show. */
let oracleDir;
const oracleCache = new Map();
function cliDiagnostics(file) {
  if (!oracleCache.has(file)) oracleCache.set(file, runCli(file));
  return oracleCache.get(file);
}
function runCli(file) {
  if (!oracleDir) {
    // a copy, so that nothing (e.g. a cache dir) is written into the fixtures
    oracleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tflint-e2e-oracle-'));
    fs.cpSync(FIXTURES, oracleDir, { recursive: true });
    cleanup.push(oracleDir);
  }
  const r = spawnSync(PYTHON, ['-m', 'tflint', file, '--format', 'json', '--no-cache'], {
    cwd: oracleDir,
    env: { ...process.env, PYTHONPATH: REPO },
    encoding: 'utf8',
  });
  let data;
  try {
    data = JSON.parse(r.stdout);
  } catch {
    // older CLIs may not know --no-cache
    const r2 = spawnSync(PYTHON, ['-m', 'tflint', file, '--format', 'json'], {
      cwd: oracleDir,
      env: { ...process.env, PYTHONPATH: REPO },
      encoding: 'utf8',
    });
    try {
      data = JSON.parse(r2.stdout);
    } catch {
      throw new Error(`python -m tflint ${file} --format json gave no JSON:\n${r.stderr}\n${r2.stderr}`);
    }
  }
  return Array.isArray(data) ? data : data.diagnostics;
}

function rulePage(code) {
  const p = path.join(REPO, 'rules', `${code}.md`);
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null;
}

/** First paragraph under "## What it does", with Markdown markup removed (as a hover renders it). */
function ruleSummary(code) {
  const page = rulePage(code);
  if (!page) throw new Error(`rules/${code}.md does not exist`);
  const m = page.match(/## What it does\s*\n([\s\S]*?)(\n\s*\n|\n##|$)/);
  if (!m) throw new Error(`rules/${code}.md has no "What it does" section`);
  return norm(m[1].replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*?/g, ''));
}

/** The leakage scenario's code: a TFL1xx rule once one exists in rules/, TFL201 until then. */
function leakageCode() {
  const leak = fs.readdirSync(path.join(REPO, 'rules')).filter((f) => /^TFL1\d\d\.md$/.test(f)).sort();
  return leak.length ? leak.map((f) => f.slice(0, 6)) : null;
}

// ---------------------------------------------------------------- code-server + browser

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const DEFAULT_SETTINGS = {
  ...(process.env.TFLINT_E2E_TRACE ? { 'tflint.trace.server': 'verbose' } : {}),
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'window.restoreWindows': 'none',
  'files.autoSave': 'off',
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'notebook.output.textLineLimit': 10,
};

async function withCodeServer(name, settings, env, fn, extensionsDir = EXTENSIONS) {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), `tflint-e2e-${name}-`));
  for (const d of ['ud/User', 'xdg-data', 'xdg-config', 'ws']) fs.mkdirSync(path.join(run, d), { recursive: true });
  fs.cpSync(FIXTURES, path.join(run, 'ws'), { recursive: true });
  const ws = path.join(run, 'ws');
  fs.writeFileSync(
    path.join(run, 'ud/User/settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, 'tflint.interpreter': PYTHON, ...settings(run) }, null, 2),
  );
  const port = await freePort();
  fs.writeFileSync(path.join(run, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const procEnv = {
    ...process.env,
    XDG_DATA_HOME: path.join(run, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(run, 'xdg-config'),
    PYTHONPATH: process.env.TFLINT_E2E_PYTHONPATH || REPO,
    ...(typeof env === 'function' ? env(run) : env),
  };
  const out = fs.openSync(path.join(run, 'code-server.log'), 'w');
  // detached = its own process group (setsid): the extension host and the language server die with it
  const cs = spawn(
    CODE_SERVER,
    [
      '--config', path.join(run, 'config.yaml'),
      '--user-data-dir', path.join(run, 'ud'),
      '--extensions-dir', extensionsDir,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ws,
    ],
    { detached: true, stdio: ['ignore', out, out], env: procEnv },
  );
  const killGroup = async () => {
    try { process.kill(-cs.pid, 'SIGTERM'); } catch {}
    await sleep(500);
    try { process.kill(-cs.pid, 'SIGKILL'); } catch {}
  };
  let browser;
  let currentPage;
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.ok) break;
      } catch {}
      if (Date.now() > deadline) throw new Error('code-server did not start in 30 s');
      await sleep(250);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => log('  pageerror', e.message));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    currentPage = page;
    const detail = await fn({ page, ws, run });
    if (!KEEP) cleanup.push(run); // a failed scenario's dir is kept for its logs
    return detail;
  } catch (e) {
    e.runDir = run;
    if (currentPage) e.shot = await shot(currentPage, `${name}-fail`).catch(() => undefined);
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await killGroup();
  }
}

/** The extension's output channel and the server's stderr, from code-server's logs. */
function serverLogs(run) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/tflint/i.test(e.name) || (/exthost\.log$/.test(e.name))) out.push(`--- ${p}\n${fs.readFileSync(p, 'utf8').slice(-6000)}`);
    }
  };
  const logs = path.join(run, 'ud', 'logs');
  if (fs.existsSync(logs)) walk(logs);
  const cs = path.join(run, 'code-server.log');
  if (fs.existsSync(cs)) out.push(`--- ${cs}\n${fs.readFileSync(cs, 'utf8').slice(-3000)}`);
  return out.join('\n');
}

// ---------------------------------------------------------------- UI helpers

async function openFromExplorer(page, file) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file });
  await row.first().waitFor({ timeout: 60_000 });
  await row.first().dblclick();
}

async function openTextFile(page, file) {
  await openFromExplorer(page, file);
  await page.waitForSelector(`.monaco-editor[data-uri$="${file}"] .view-lines`, { timeout: 30_000 }).catch(
    async () => page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 30_000 }),
  );
}

/** Rows of the Problems panel: aria-label (severity, message, line) and visible text (source, code). */
async function problems(page) {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
    els.map((e) => ({ aria: e.getAttribute('aria-label') || '', text: (e.innerText || '').replace(/\s+/g, ' ') })),
  );
}

async function openProblems(page) {
  const open = await page.locator('.markers-panel').isVisible().catch(() => false);
  if (!open) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { timeout: 10_000 });
}

/** Waits for a Problems row that satisfies pred; returns it and all rows. */
async function waitForProblem(page, pred, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await problems(page);
    const hit = rows.find(pred);
    if (hit) return { hit, rows };
    await sleep(250);
  }
  throw new Error(`no matching row in the Problems panel; rows: ${JSON.stringify(rows, null, 1)}`);
}

/** Bounding box of the squiggle on the editor line whose text contains `snippet`. */
async function squiggleOnLine(page, editor, snippet, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const box = await editor.evaluate((ed, snip) => {
      const lines = [...ed.querySelectorAll('.view-lines .view-line')];
      const line = lines.find((l) => (l.textContent || '').replace(/\u00a0/g, ' ').includes(snip));
      if (!line) return null;
      const lr = line.getBoundingClientRect();
      const sq = [...ed.querySelectorAll('.squiggly-error, .squiggly-warning, .squiggly-info')]
        .map((s) => s.getBoundingClientRect())
        .find((r) => r.top < lr.bottom && r.bottom > lr.top && r.width > 0);
      return sq ? { x: sq.x, y: sq.y, width: sq.width, height: sq.height } : null;
    }, snippet);
    if (box) return box;
    await sleep(250);
  }
  throw new Error(`no squiggle on the line containing ${JSON.stringify(snippet)}`);
}

async function notifications(page) {
  return page.locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')
    .evaluateAll((els) => els.map((e) => (e.innerText || '').replace(/\s+/g, ' ')));
}

async function shot(page, name, opts = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const p = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: p, ...opts });
  return p;
}

// ---------------------------------------------------------------- scenarios

const scenarios = [];
const scenario = (name, fn, opts = {}) => scenarios.push({ name, fn, opts });

function expectedLeak() {
  const leak = leakageCode();
  const diags = cliDiagnostics('train_leaky.py');
  const codes = leak || ['TFL201'];
  const d = diags.find((x) => codes.includes(x.code));
  if (!d) {
    throw new Error(`the CLI reports none of ${codes.join(', ')} for train_leaky.py: ${JSON.stringify(diags.map((x) => x.code))}`);
  }
  if (!leak) log('  note: no TFL1xx rule in rules/ yet; checking TFL201 (fit-without-validation) instead');
  return d;
}

scenario('leaky-script-problems', async ({ page }) => {
  const d = expectedLeak();
  log(`  expecting ${d.code} at line ${d.line}: ${d.message}`);
  await openTextFile(page, 'train_leaky.py');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const snippet = fs.readFileSync(path.join(FIXTURES, 'train_leaky.py'), 'utf8').split('\n')[d.line - 1].trim().slice(0, 30);
  await squiggleOnLine(page, editor, snippet);
  await editor.locator('.view-lines').click();
  await openProblems(page);
  const { hit, rows } = await waitForProblem(
    page,
    (r) => r.text.includes(d.code) && norm(r.aria).includes(norm(d.message)) && r.aria.includes(`at line ${d.line} `),
  );
  log(`  Problems row: ${hit.aria} | ${hit.text}`);
  if (!hit.text.includes('tflint')) throw new Error(`the row does not name the source tflint: ${hit.text}`);
  if (d.help) {
    // the remedy is shown under the finding (the language server's last related-information entry)
    const { hit: helpRow } = await waitForProblem(page, (r) => norm(r.text).includes(norm(`help: ${d.help}`)));
    log(`  help row: ${helpRow.text}`);
  }
  const p = await shot(page, 'leaky-script-problems');
  return `${rows.length} row(s); ${d.code} "${d.message}" at line ${d.line}${d.help ? ' with its help line' : ''}; ${p}`;
});

scenario('hover-explanation', async ({ page }) => {
  const d = expectedLeak();
  const summary = ruleSummary(d.code);
  await openTextFile(page, 'train_leaky.py');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const snippet = fs.readFileSync(path.join(FIXTURES, 'train_leaky.py'), 'utf8').split('\n')[d.line - 1].trim().slice(0, 30);
  await squiggleOnLine(page, editor, snippet);
  await openProblems(page);
  await waitForProblem(page, (r) => r.text.includes(d.code));
  const box = await squiggleOnLine(page, editor, snippet);
  // the squiggle sits under .view-lines: move the mouse onto its box (locator.hover() is intercepted)
  let text = '';
  const want = summary.slice(0, 60);
  for (let attempt = 0; attempt < 3 && !norm(text).includes(want); attempt++) {
    await page.mouse.move(box.x + Math.min(30, box.width / 2), box.y + box.height / 2);
    await sleep(100);
    await page.mouse.move(box.x + Math.min(30, box.width / 2) + 1, box.y + box.height / 2);
    await page.locator('.monaco-hover-content').first().waitFor({ timeout: 10_000 }).catch(() => {});
    await sleep(800);
    text = (await page.locator('.monaco-hover-content').allInnerTexts().catch(() => [])).join('\n');
  }
  if (!norm(text).includes(want)) {
    throw new Error(`the hover does not show the rule's explanation ${JSON.stringify(want)}; hover: ${JSON.stringify(text)}`);
  }
  log(`  hover: ${norm(text).slice(0, 200)}…`);
  const p = await shot(page, 'hover-explanation');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return `hover shows "${want}…"; ${p}`;
});

scenario('quick-fix', async ({ page, ws }) => {
  const diags = cliDiagnostics('optimizer_lr.py');
  const d = diags.find((x) => x.code === 'TFL303' && x.fix);
  if (!d) throw new Error(`the CLI offers no TFL303 fix for optimizer_lr.py: ${JSON.stringify(diags.map((x) => x.code))}`);
  const file = path.join(ws, 'optimizer_lr.py');
  const before = fs.readFileSync(file, 'utf8');
  await openTextFile(page, 'optimizer_lr.py');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const box = await squiggleOnLine(page, editor, 'Adam(lr=0.01)');
  await page.mouse.click(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
  await page.keyboard.press('Control+.');
  const widget = page.locator('.action-widget');
  await widget.waitFor({ timeout: 15_000 });
  const items = await widget.locator('.monaco-list-row').allInnerTexts();
  log(`  code actions: ${JSON.stringify(items.map(norm))}`);
  const fixTitle = d.fix.message;
  if (!items.some((t) => t.includes(fixTitle))) throw new Error(`no code action titled ${JSON.stringify(fixTitle)}`);
  await shot(page, 'quick-fix-menu');
  // choose it with the keyboard, as a user does (a pointer block overlays the widget for mouse clicks)
  for (let i = 0; i < items.length + 1; i++) {
    const focused = await widget.locator('.monaco-list-row.focused').first().getAttribute('aria-label').catch(() => '');
    if (focused && focused.includes(fixTitle)) break;
    await page.keyboard.press('ArrowDown');
    await sleep(100);
  }
  const focused = await widget.locator('.monaco-list-row.focused').first().getAttribute('aria-label').catch(() => '');
  if (!focused || !focused.includes(fixTitle)) throw new Error(`could not select ${JSON.stringify(fixTitle)} (focused: ${focused})`);
  await page.keyboard.press('Enter');
  await sleep(300);
  await page.keyboard.press('Control+S');
  const expected = before.replace('Adam(lr=0.01)', 'Adam(learning_rate=0.01)');
  const deadline = Date.now() + 15_000;
  let now = before;
  while (Date.now() < deadline && now !== expected) {
    await sleep(200);
    now = fs.readFileSync(file, 'utf8');
  }
  if (now !== expected) throw new Error(`file after the quick fix:\n${now}\nexpected:\n${expected}`);
  // the diagnostic goes away once fixed
  await openProblems(page);
  const gone = Date.now() + 15_000;
  while (Date.now() < gone && (await problems(page)).some((r) => r.text.includes('TFL303'))) await sleep(250);
  if ((await problems(page)).some((r) => r.text.includes('TFL303'))) throw new Error('TFL303 still listed after the fix');
  const p = await shot(page, 'quick-fix');
  return `applied "${fixTitle}": file now has Adam(learning_rate=0.01), TFL303 gone; ${p}`;
});

/** Waits until the tflint status bar item reads `tflint <state>`. */
async function waitForServerState(page, state, timeoutMs = 45_000) {
  await page.locator(`.statusbar-item[aria-label="tflint ${state}"]`).first().waitFor({ timeout: timeoutMs });
}

scenario('notebook-cell', async ({ page }) => {
  // open a Python file first and wait for the server: in code-server the remote extensions (and so the
  // ipynb notebook serializer) are registered only once the extension host is up; a notebook opened
  // earlier is shown as JSON text
  await openTextFile(page, 'optimizer_lr.py');
  await waitForServerState(page, 'running');
  await openFromExplorer(page, 'notebook.ipynb');
  await page.waitForSelector('.notebook-editor .code-cell-row .monaco-editor .view-lines', { timeout: 45_000 });
  const deadline = Date.now() + 45_000;
  let cells = [];
  for (;;) {
    cells = await page.locator('.notebook-editor .code-cell-row').evaluateAll((els) =>
      els.map((e) => ({
        text: (e.querySelector('.view-lines')?.textContent || '').replace(/\u00a0/g, ' '),
        squiggles: e.querySelectorAll('.squiggly-error, .squiggly-warning, .squiggly-info').length,
      })),
    );
    if (cells.some((c) => c.squiggles) || Date.now() > deadline) break;
    await sleep(250);
  }
  log(`  cells: ${JSON.stringify(cells)}`);
  const flagged = cells.filter((c) => c.squiggles > 0);
  if (flagged.length !== 1 || !flagged[0].text.includes('model.fit(X, y, epochs=50)')) {
    throw new Error(`expected one squiggle, in the cell with model.fit: ${JSON.stringify(cells)}`);
  }
  const cellIndex = cells.indexOf(flagged[0]);
  await openProblems(page);
  const { hit } = await waitForProblem(page, (r) => r.text.includes('TFL201') && r.aria.includes('at line 1 '));
  log(`  Problems row: ${hit.aria} | ${hit.text}`);
  // clicking the row reveals the cell (the notebook renders only the cells in view)
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'TFL201' }).first().click();
  await page
    .locator('.notebook-editor .code-cell-row', { hasText: 'model.fit(X, y, epochs=50)' })
    .locator('.squiggly-error, .squiggly-warning, .squiggly-info')
    .first()
    .waitFor({ timeout: 10_000 });
  // the status bar names the cell the cursor went to: the 5th of 6 (the first is Markdown)
  const cellStatus = await page.locator('.statusbar-item', { hasText: /^Cell \d+ of \d+$/ }).first().innerText({ timeout: 5000 });
  if (cellStatus.trim() !== 'Cell 5 of 6') throw new Error(`the Problems row led to ${cellStatus}, not Cell 5 of 6`);
  const p = await shot(page, 'notebook-cell');
  return `TFL201 squiggle only in the model.fit cell (code cell #${cellIndex + 1}, ${cellStatus.trim()}), line 1 of that cell; ${p}`;
});

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title });
  await row.first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

scenario('commands-fix-all-and-rule-docs', async ({ page, ws }) => {
  const file = path.join(ws, 'optimizer_lr.py');
  const before = fs.readFileSync(file, 'utf8');
  await openTextFile(page, 'optimizer_lr.py');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await squiggleOnLine(page, editor, 'Adam(lr=0.01)');
  await editor.locator('.view-lines').click();
  await runCommand(page, 'tflint: Fix All');
  const expected = before.replace('Adam(lr=0.01)', 'Adam(learning_rate=0.01)');
  let deadline = Date.now() + 15_000;
  while (Date.now() < deadline && !(await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').includes('Adam(learning_rate=0.01)')) {
    await sleep(200);
  }
  await page.keyboard.press('Control+S');
  let now = before;
  deadline = Date.now() + 10_000;
  while (Date.now() < deadline && now !== expected) {
    await sleep(200);
    now = fs.readFileSync(file, 'utf8');
  }
  if (now !== expected) throw new Error(`file after "tflint: Fix All":\n${now}`);
  log('  Fix All: file fixed');
  // Show Rule Documentation: pick the code, the rule page opens in a Markdown preview
  await runCommand(page, 'tflint: Show Rule Documentation');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill('TFL303');
  await page.keyboard.press('Enter');
  const heading = 'removed-lr-argument (TFL303)';
  deadline = Date.now() + 30_000;
  let found = '';
  while (Date.now() < deadline && !found) {
    for (const f of page.frames()) {
      const t = await f.locator('body').innerText({ timeout: 500 }).catch(() => '');
      if (t.includes(heading) && t.includes('What it does')) found = t;
    }
    if (!found) await sleep(300);
  }
  if (!found) throw new Error(`no Markdown preview showing ${JSON.stringify(heading)}`);
  log(`  rule page: ${norm(found).slice(0, 120)}…`);
  const p = await shot(page, 'commands-fix-all-and-rule-docs');
  // Restart Server: the status bar goes through "starting" back to "running"
  await runCommand(page, 'tflint: Restart Server');
  await waitForServerState(page, 'starting', 15_000).catch(() => log('  (did not catch the starting state)'));
  await waitForServerState(page, 'running', 60_000);
  return `Fix All rewrote the file; the TFL303 page opened in a preview; Restart Server came back running; ${p}`;
});

scenario(
  'settings-reach-server',
  async ({ page }) => {
    const d = expectedLeak();
    await openTextFile(page, 'train_leaky.py');
    await openProblems(page);
    const { hit, rows } = await waitForProblem(page, (r) => r.text.includes(d.code) && r.aria.includes(`at line ${d.line} `));
    if (!/^Info/.test(hit.aria)) throw new Error(`severityOverrides not applied: ${hit.aria}`);
    await sleep(1000);
    const all = await problems(page);
    if (all.some((r) => r.text.includes('TFL201'))) throw new Error(`TFL201 is listed although ignored: ${JSON.stringify(all)}`);
    const p = await shot(page, 'settings-reach-server');
    return `tflint.ignore ["TFL201"] and severityOverrides {${d.code}: info} applied (${rows.length} row(s)); ${p}`;
  },
  { settings: () => ({ 'tflint.ignore': ['TFL201'], 'tflint.severityOverrides': { [expectedLeak().code]: 'info' } }) },
);

scenario('run-findings-and-diagnose-command', async ({ page, ws }) => {
  // a finished run of train_leaky.py as tflint.keras.Monitor records it: its fit call is line 19
  const script = path.join(ws, 'train_leaky.py');
  const fitText = fs.readFileSync(script, 'utf8').split('\n')[18].trim();
  if (!fitText.startsWith('model.fit(')) throw new Error(`line 19 of train_leaky.py is not the fit call: ${fitText}`);
  fs.mkdirSync(path.join(ws, '.tflint'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.tflint', 'last_run.json'), JSON.stringify({
    format: 'tflint-run/1', tool: 'tflint.keras.Monitor', status: 'finished',
    started: '2026-12-07T02:20:00+00:00', updated: '2026-12-07T02:28:27+00:00',
    fit: { path: script, line: 19, text: fitText },
    history: { loss: [0.62, 0.47, 0.38, 0.31, 0.26, 0.21, 0.17, 0.14, 0.11, 0.09],
               val_loss: [0.58, 0.49, 0.44, 0.42, 0.41, 0.43, 0.46, 0.49, 0.53, 0.56] },
    findings: [{ code: 'TFL701', name: 'overfitting-onset', severity: 'warning', epoch: 6, series: 'val_loss',
                 message: 'overfitting: val_loss rose 37% from its best 0.41 at epoch 5' }],
  }));
  await openTextFile(page, 'train_leaky.py');
  await openProblems(page);
  // 1. the language server shows the run's finding at the fit line, marked as from the run with its time
  const { hit } = await waitForProblem(page, (r) => r.text.includes('TFL701') && r.aria.includes('at line 19 ')
    && r.aria.includes('from the run of 2026-12-07 02:28:27 UTC'));
  log(`  run finding from the language server: ${hit.aria}`);
  // 2. "Diagnose Training Run" on the latest run: the CLI re-reads the history, findings under source "tflint run"
  await runCommand(page, 'tflint: Diagnose Training Run');
  const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Latest run' });
  await pick.first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const { hit: cmd } = await waitForProblem(
    page, (r) => r.text.includes('TFL701') && r.text.includes('tflint run') && r.aria.includes('at line 19 '), 60_000);
  log(`  Problems row from the command: ${cmd.aria}`);
  await page.locator('.notifications-toasts .notification-list-item', { hasText: 'tflint: 1 problem in this run.' })
    .first().waitFor({ timeout: 15_000 });
  const p = await shot(page, 'run-findings-and-diagnose-command');
  return `run finding TFL701 at the fit line (line 19) from the server and from "Diagnose Training Run"; ${p}`;
});

scenario('probe-command', async ({ page }) => {
  const tf = spawnSync(PYTHON, ['-c', 'import importlib.util, sys; sys.exit(importlib.util.find_spec("tensorflow") is None)'], { encoding: 'utf8' });
  if (tf.status !== 0) throw new Error(`the probe needs TensorFlow in ${PYTHON} (pip install -e '.[probe]')`);
  await openTextFile(page, 'probe_me.py');
  await waitForServerState(page, 'running');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines').click();
  await runCommand(page, 'tflint: Probe This Training Script');
  await page.locator('.notifications-toasts .notification-list-item', { hasText: 'tflint: probing probe_me.py' })
    .first().waitFor({ timeout: 15_000 });
  log('  progress notification shown');
  await openProblems(page);
  // the probe imports TensorFlow and runs the script up to fit(): allow for a slow machine
  const { hit } = await waitForProblem(
    page, (r) => r.text.includes('TFL609') && r.text.includes('tflint probe') && r.aria.includes('at line 9 '), 240_000);
  log(`  Problems row: ${hit.aria}`);
  await page.locator('.notifications-toasts .notification-list-item', { hasText: /tflint probe: \d+ finding/ })
    .first().waitFor({ timeout: 15_000 });
  const p = await shot(page, 'probe-command');
  return `probe finding TFL609 (unscaled inputs) at line 9, source "tflint probe"; ${p}`;
});

/** Layout facts of the open probe report: images, overflow, the index's targets, the page's text. */
async function reportFacts(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent || el.getAttribute('alt') || '').slice(0, 60)}`);
    return {
      overflow: root.scrollWidth - root.clientWidth,
      wide,
      images: [...document.images].map((img) => ({
        alt: img.alt.slice(0, 40), loaded: img.complete && img.naturalWidth > 0,
        natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
      })),
      links: [...document.querySelectorAll('nav a')].map((a) => ({
        href: a.getAttribute('href'), target: !!document.getElementById(a.getAttribute('href').slice(1)),
      })),
      // a header or a finding's code split inside a word ("sever|ity"): more line boxes than words
      brokenWords: [...document.querySelectorAll('th, td.nw')].filter((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return lines.size > el.textContent.trim().split(/\s+/).length;
      }).map((el) => el.textContent),
      text: document.body.innerText,
    };
  });
}

scenario('probe-report', async ({ page, run }) => {
  // `tflint probe a.py b.py --report` without TensorFlow: the sample reports the Python tests check
  // (tests/probe/sample_reports.py: one healthy script, one with exploding/vanishing gradients), in a tab of its own
  const out = path.join(run, 'probe-report.html');
  const gen = spawnSync(PYTHON, [path.join(REPO, 'tests', 'probe', 'sample_reports.py'), out], {
    cwd: REPO, env: { ...process.env, PYTHONPATH: REPO, MPLBACKEND: 'Agg' }, encoding: 'utf8',
  });
  if (gen.status !== 0) throw new Error(`sample_reports.py failed (matplotlib: pip install -e '.[probe]'):\n${gen.stderr}`);
  // the harness's page owns its context (browser.newPage), which opens no second page: a context of its own
  const report = await page.context().browser().newPage({ viewport: { width: 1200, height: 900 } });
  const outside = [];
  report.on('request', (r) => { if (!/^(data|file):/.test(r.url())) outside.push(r.url()); });
  try {
    await report.goto(`file://${out}`, { waitUntil: 'load' });
    const f = await reportFacts(report);
    const broken = f.images.filter((i) => !i.loaded);
    if (f.images.length !== 6 || broken.length) throw new Error(`images: ${JSON.stringify(f.images)}`);
    // the plots are shown at their own size (their text stays legible), not shrunk
    const shrunk = f.images.filter((i) => i.shown < 0.95 * i.natural);
    if (shrunk.length) throw new Error(`plots shrunk at 1200 px: ${JSON.stringify(shrunk)}`);
    if (f.overflow > 0 || f.wide.length) throw new Error(`horizontal overflow ${f.overflow} px: ${JSON.stringify(f.wide.slice(0, 5))}`);
    if (f.brokenWords.length) throw new Error(`words broken across lines: ${JSON.stringify(f.brokenWords)}`);
    if (f.links.length !== 2 || f.links.some((l) => !l.target)) throw new Error(`index: ${JSON.stringify(f.links)}`);
    const want = ['tflint probe: 2 scripts', 'train_healthy.py', 'models/train_deep_tanh.py', 'no findings',
      'TFL602', 'TFL603', 'TFL606', 'TFL612', 'Dense (relu)', 'Dense (tanh)', 'healthy range 1.00e-04 to 28',
      'Healthy range 1.00e-05 to 0.1', 'they explode (TFL602', 'NaN/Inf at steps 24, 25'];
    const missing = want.filter((w) => !f.text.includes(w));
    if (missing.length) throw new Error(`not on the page: ${JSON.stringify(missing)}`);
    if (outside.length) throw new Error(`the report is not self-contained: ${JSON.stringify(outside)}`);
    // a narrow window: the plots scale down, tables wrap, still nothing sticks out sideways
    await report.setViewportSize({ width: 600, height: 900 });
    const narrow = await reportFacts(report);
    if (narrow.overflow > 0 || narrow.wide.length || narrow.brokenWords.length) {
      throw new Error(`at 600 px: overflow ${narrow.overflow} px ${JSON.stringify(narrow.wide.slice(0, 5))}, `
        + `words broken ${JSON.stringify(narrow.brokenWords)}`);
    }
    await report.setViewportSize({ width: 1200, height: 900 });
    const p = await shot(report, 'probe-report', { fullPage: true });
    return `2 scripts, ${f.images.length} plots loaded, no overflow at 1200 and 600 px, findings and thresholds shown; ${p}`;
  } catch (e) {
    e.message += ` (screenshot: ${await shot(report, 'probe-report-fail', { fullPage: true }).catch(() => 'none')})`;
    throw e;
  } finally {
    await report.close().catch(() => {});
  }
});

scenario(
  'interpreter-without-tflint',
  async ({ page, run }) => {
    await openTextFile(page, 'train_leaky.py');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'tflint is not installed' });
    await toast.first().waitFor({ timeout: 30_000 });
    const message = norm(await toast.first().innerText());
    log(`  notification: ${message}`);
    if (!message.includes('-m pip install tflint')) throw new Error(`no install command in: ${message}`);
    // no crash loop: the interpreter was run once (the import check), and only one notification is shown
    await sleep(6000);
    const calls = fs.readFileSync(path.join(run, 'invocations.log'), 'utf8').trim().split('\n');
    const all = (await notifications(page)).filter((t) => /tflint/i.test(t));
    const statusItem = await page.locator('.statusbar-item', { hasText: 'tflint' }).first().getAttribute('aria-label').catch(() => null);
    log(`  interpreter runs: ${calls.length} (${JSON.stringify(calls)}); tflint notifications: ${all.length}; status bar: ${statusItem}`);
    if (calls.length !== 1) throw new Error(`the interpreter was run ${calls.length} times: ${calls.join(' | ')}`);
    if (all.length !== 1) throw new Error(`${all.length} tflint notifications: ${JSON.stringify(all)}`);
    if (statusItem !== 'tflint not installed') throw new Error(`status bar item says ${statusItem}`);
    await page.mouse.move(700, 300);
    const p = await shot(page, 'interpreter-without-tflint');
    return `one notification "${message.slice(0, 120)}…", interpreter run once, status "${statusItem}"; ${p}`;
  },
  {
    // a real interpreter on which tflint is not importable: -I ignores PYTHONPATH, -S the site-packages;
    // it records each run, to prove there is no restart loop
    settings: (run) => {
      const wrapper = path.join(run, 'python-without-tflint');
      fs.writeFileSync(
        wrapper,
        `#!/bin/sh\necho "run $$: $1" >> "${path.join(run, 'invocations.log')}"\nexec "${resolvePython()}" -I -S "$@"\n`,
        { mode: 0o755 },
      );
      return { 'tflint.interpreter': wrapper };
    },
  },
);

scenario(
  'interpreter-missing',
  async ({ page }) => {
    await openTextFile(page, 'train_leaky.py');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'tflint: cannot run' });
    await toast.first().waitFor({ timeout: 30_000 });
    const message = norm(await toast.first().innerText());
    log(`  notification: ${message}`);
    if (!message.includes('-m pip install tflint')) throw new Error(`no install command in: ${message}`);
    await sleep(4000);
    const all = (await notifications(page)).filter((t) => /tflint/i.test(t));
    if (all.length !== 1) throw new Error(`${all.length} tflint notifications: ${JSON.stringify(all)}`);
    const p = await shot(page, 'interpreter-missing');
    return `one notification "${message.slice(0, 100)}…"; ${p}`;
  },
  { settings: () => ({ 'tflint.interpreter': '/nonexistent/bin/python3' }) },
);

/** An interpreter that runs PYTHON and records each run in RUN/invocations.log. */
function recordingPython(run, name) {
  const wrapper = path.join(run, 'bin', name);
  fs.mkdirSync(path.dirname(wrapper), { recursive: true });
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\necho "$*" | tr '\\n' ' ' >> "${path.join(run, 'invocations.log')}"; echo >> "${path.join(run, 'invocations.log')}"\nexec "${resolvePython()}" "$@"\n`,
    { mode: 0o755 },
  );
  return wrapper;
}

async function expectServerVia(page, run, file) {
  await openTextFile(page, file);
  await waitForServerState(page, 'running', 60_000);
  await openProblems(page);
  const d = expectedLeak();
  await waitForProblem(page, (r) => r.text.includes(d.code) && r.aria.includes(`at line ${d.line} `));
  const calls = fs.readFileSync(path.join(run, 'invocations.log'), 'utf8').trim().split('\n');
  if (!calls.some((c) => c.startsWith('-m tflint lsp'))) throw new Error(`the server was not started with this interpreter: ${JSON.stringify(calls)}`);
  return { d, calls };
}

scenario(
  'interpreter-from-python-extension',
  async ({ page, run }) => {
    const { d, calls } = await expectServerVia(page, run, 'train_leaky.py');
    const p = await shot(page, 'interpreter-from-python-extension');
    return `no tflint.interpreter: the Python extension's interpreter ran ${JSON.stringify(calls.map((c) => c.slice(0, 16)))}, ${d.code} listed; ${p}`;
  },
  {
    settings: (run) => {
      recordingPython(run, 'python-from-python-extension');
      return { 'tflint.interpreter': '' };
    },
    env: (run) => ({ TFLINT_E2E_FAKE_PYTHON: path.join(run, 'bin', 'python-from-python-extension') }),
    extensions: (base) => fakePythonExtensions(base),
  },
);

scenario(
  'interpreter-default-python3',
  async ({ page, run }) => {
    const { d, calls } = await expectServerVia(page, run, 'train_leaky.py');
    const p = await shot(page, 'interpreter-default-python3');
    return `no setting, no Python extension: python3 from PATH ran ${JSON.stringify(calls.map((c) => c.slice(0, 16)))}, ${d.code} listed; ${p}`;
  },
  {
    settings: (run) => {
      recordingPython(run, 'python3');
      return { 'tflint.interpreter': '' };
    },
    // VS Code's server takes the extension host's PATH from a login shell (bash -il), so the test's
    // python3 is put first on PATH the way a user does it: in ~/.bash_profile (of a temp HOME)
    env: (run) => {
      const home = path.join(run, 'home');
      fs.mkdirSync(home, { recursive: true });
      fs.writeFileSync(path.join(home, '.bash_profile'), `export PATH="${path.join(run, 'bin')}:$PATH"\n`);
      return { PATH: `${path.join(run, 'bin')}${path.delimiter}${process.env.PATH}`, HOME: home, SHELL: '/bin/bash' };
    },
  },
);

/** An extensions dir with the .vsix and a stand-in for ms-python.python (e2e/fake-python-extension). */
function fakePythonExtensions(base) {
  const dir = path.join(base, 'extensions-with-python');
  if (fs.existsSync(dir)) return dir;
  const src = fs.mkdtempSync(path.join(base, 'fake-python-'));
  fs.cpSync(path.join(__dirname, 'fake-python-extension'), src, { recursive: true });
  const vsce = path.join(EXT_DIR, 'node_modules', '.bin', 'vsce');
  const pkg = spawnSync(vsce, ['package', '--allow-missing-repository', '--skip-license', '--out', path.join(base, 'fake-python.vsix')], { cwd: src, encoding: 'utf8' });
  if (pkg.status !== 0) throw new Error(`packaging the fake Python extension failed:\n${pkg.stdout}\n${pkg.stderr}`);
  fs.cpSync(EXTENSIONS, dir, { recursive: true });
  const inst = spawnSync(
    CODE_SERVER,
    ['--user-data-dir', path.join(base, 'ud'), '--extensions-dir', dir, '--install-extension', path.join(base, 'fake-python.vsix')],
    { encoding: 'utf8', env: { ...process.env, XDG_DATA_HOME: path.join(base, 'xdg-data'), XDG_CONFIG_HOME: path.join(base, 'xdg-config') } },
  );
  if (inst.status !== 0) throw new Error(`installing the fake Python extension failed:\n${inst.stdout}\n${inst.stderr}`);
  return dir;
}

function resolvePython() {
  const r = spawnSync(PYTHON, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : PYTHON;
}

// ---------------------------------------------------------------- main

let EXTENSIONS;

async function main() {
  for (const [what, p] of [['code-server', CODE_SERVER], ['vsix', VSIX], ['chromium', CHROMIUM]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found: ${p}`);
  }
  const check = spawnSync(PYTHON, ['-c', 'import tflint.lsp'], { env: { ...process.env, PYTHONPATH: REPO }, encoding: 'utf8' });
  if (check.status !== 0) log(`warning: ${PYTHON} cannot import tflint.lsp from ${REPO}:\n${check.stderr}`);
  // install the .vsix once into an extensions dir shared by the scenarios (they run one after another)
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tflint-e2e-'));
  EXTENSIONS = path.join(base, 'extensions');
  const inst = spawnSync(
    CODE_SERVER,
    ['--user-data-dir', path.join(base, 'ud'), '--extensions-dir', EXTENSIONS, '--install-extension', VSIX],
    { encoding: 'utf8', env: { ...process.env, XDG_DATA_HOME: path.join(base, 'xdg-data'), XDG_CONFIG_HOME: path.join(base, 'xdg-config') } },
  );
  if (inst.status !== 0) throw new Error(`installing ${VSIX} failed:\n${inst.stdout}\n${inst.stderr}`);
  log(`installed ${path.basename(VSIX)}; python: ${PYTHON}; artifacts: ${ARTIFACTS}`);

  const results = [];
  for (const s of scenarios) {
    if (ONLY && !ONLY.includes(s.name)) continue;
    const t = Date.now();
    log(`scenario ${s.name}`);
    try {
      const extDir = s.opts.extensions ? s.opts.extensions(base) : EXTENSIONS;
      const detail = await withCodeServer(s.name, s.opts.settings || (() => ({})), s.opts.env || {}, s.fn, extDir);
      results.push({ name: s.name, ok: true, secs: (Date.now() - t) / 1000, detail });
      log(`PASS ${s.name} (${((Date.now() - t) / 1000).toFixed(1)} s): ${detail}`);
    } catch (e) {
      results.push({ name: s.name, ok: false, secs: (Date.now() - t) / 1000, detail: e.message });
      log(`FAIL ${s.name} (${((Date.now() - t) / 1000).toFixed(1)} s): ${e.message}`);
      if (e.shot) log(`screenshot: ${e.shot}`);
      if (e.runDir) log(`logs of ${s.name} (${e.runDir}):\n${serverLogs(e.runDir)}`);
    }
  }
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
  if (!KEEP) fs.rmSync(base, { recursive: true, force: true });
  console.log('\nscenario                          result   seconds');
  for (const r of results) console.log(`${r.name.padEnd(34)}${(r.ok ? 'PASS' : 'FAIL').padEnd(9)}${r.secs.toFixed(1)}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed}/${results.length} passed in ${((Date.now() - T0) / 1000).toFixed(1)} s`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'results.json'), JSON.stringify(results, null, 2));
  // TFLINT_E2E_UPDATE_SCREENSHOT=1: the hover scenario's screenshot becomes the marketplace README's
  const hoverShot = path.join(ARTIFACTS, 'hover-explanation.png');
  if (process.env.TFLINT_E2E_UPDATE_SCREENSHOT === '1' && results.some((r) => r.name === 'hover-explanation' && r.ok)) {
    fs.copyFileSync(hoverShot, path.join(EXT_DIR, 'images', 'screenshot.png'));
    log('updated images/screenshot.png');
  }
  if (results.length === 0) throw new Error(`no scenario matched --only ${args.only}`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(stamp(), 'ERROR', e.message);
  process.exitCode = 2;
});
