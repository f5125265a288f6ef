// fss ui in a real browser: Debian's headless Chromium driven by playwright-core (no browser
// download; it/run installs playwright-core into its npm cache and exports its path). The store
// holds a session whose text is hostile (script tags, handlers, javascript: links, SVG, control
// characters); the test clicks from the overview into that session, compares two checkpoints,
// copies a command, searches and follows a hit, and checks that nothing logged an error, no
// Content-Security-Policy was violated and the payload never ran (window.__pwned stays unset).
// Screenshots of each page go to $FSS_IT_OUT/ui. Run: it/run it/ui.test.mjs
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gitRepo, world } from './lib/world.mjs';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing: apt-get install -y chromium (Debian's package; Playwright's own browser download does not work here)`
  : !process.env.FSS_IT_PLAYWRIGHT ? 'FSS_IT_PLAYWRIGHT is not set: run through it/run, which installs playwright-core' : false;
if (SKIP) console.log(`# skipping the browser test: ${SKIP}`);

const OUT = join(process.env.FSS_IT_OUT || join(process.env.FSS_IT_ROOT, 'out'), 'ui');
const PAYLOAD = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '" onerror="window.__pwned=1',
  'javascript:window.__pwned=1',
  '<svg onload=window.__pwned=1><script>window.__pwned=1</script></svg>',
  '<a href="javascript:window.__pwned=1">click</a>',
  'red \u001b[31mALERT\u0007 \u202etxt.exe',
].join(' ');

const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A store with a hostile Codex session (three checkpoints) and a plain Claude one, in one git project. */
function seed(w) {
  const repo = gitRepo(join(w.root, 'shop'));
  writeFileSync(join(repo, 'cart.js'), 'x');
  const save = (...args) => {
    const r = w.fss(['save', ...args], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
  };
  save('--action', 'init', '--tool', 'codex', '--session', 'hostile1');
  save('--session', 'hostile1', '--tool', 'codex', '--summary', `zebrafish first ${PAYLOAD}`, '--current-task', PAYLOAD,
    '--files', 'cart.js:editing');
  save('--session', 'hostile1', '--tool', 'codex', '--summary', 'zebrafish second', '--files', 'cart.js:editing,gone.js:created');
  save('--session', 'hostile1', '--tool', 'codex', '--summary', 'zebrafish third', '--current-task', 'Ship the cart',
    '--files', 'cart.js:editing,gone.js:created,api.js:reference', '--commands', 'npm test',
    '--open-questions', `${PAYLOAD};Ship on Friday?`);
  claudeSession(w, repo, 'plain1');
  return repo;
}

/**
 * A Claude Code session captured by fss's own hooks from a transcript in Claude's format whose
 * prompt, answer and command carry the payload.
 */
function claudeSession(w, repo, id) {
  const transcript = join(w.root, `${id}.jsonl`);
  const at = new Date(Date.now() - 60_000).toISOString();
  const line = (type, message) => JSON.stringify({ parentUuid: null, isSidechain: false, type, cwd: repo, sessionId: id,
    gitBranch: 'main', message, uuid: `u${Math.random()}`, timestamp: at });
  writeFileSync(transcript, [
    line('user', { role: 'user', content: `Checkout copy review ${PAYLOAD}` }),
    line('assistant', { id: 'm1', role: 'assistant', content: [{ type: 'text', text: `Reviewed. ${PAYLOAD}` }] }),
    line('assistant', { id: 'm2', role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash',
      input: { command: `npm test -- '${PAYLOAD}'` } }] }),
    line('user', { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Exit code 3\nfailed',
      is_error: true }] }),
    // the turn's end, as Claude Code writes it: the spooled Stop is checkpointed up to this line
    line('assistant', { id: 'm3', role: 'assistant', stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'The tests fail; stopping here.' }] }),
  ].join('\n') + '\n');
  const hook = (name, extra = {}) => {
    const r = w.fss(['hook', 'claude'], { cwd: repo, input: JSON.stringify({ hook_event_name: name, session_id: id,
      transcript_path: transcript, cwd: repo, ...extra }) });
    assert.equal(r.code, 0, r.stderr);
  };
  hook('SessionStart', { source: 'startup' });
  hook('Stop');
}

/** Starts `fss ui --port 0` and resolves with its printed address. */
function startUi(w, repo) {
  const child = spawn(join(w.env.PATH.split(':')[0], 'fss'), ['ui', '--port', '0'], { cwd: repo, env: w.env });
  cleanups.push(() => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', resolve);
    child.kill('SIGTERM');
  }));
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fss ui printed no address in 30 s: ${out} ${err}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^fss ui: (http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]+\/)$/m);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`fss ui exited ${code}: ${err}`)));
  });
}

/** Records console errors, page errors and CSP violations of every page of a context. */
function watch(context, problems) {
  context.on('page', (p) => attach(p, problems));
}
function attach(page, problems) {
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // ERR_ABORTED is a request the page itself dropped by navigating on (the favicon, say), not a failure
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
}

test('fss ui in Chromium: overview → session → diff → copy → search → hit, nothing hostile runs', { skip: SKIP }, async () => {
  const require = createRequire(import.meta.url);
  const { chromium } = require(process.env.FSS_IT_PLAYWRIGHT);
  mkdirSync(OUT, { recursive: true });
  const w = world('ui');
  const repo = seed(w);
  const url = await startUi(w, repo);

  // without the secret: 403, whatever the path
  const origin = new URL(url).origin;
  assert.equal((await fetch(`${origin}/`)).status, 403);
  assert.equal((await fetch(`${origin}/search?q=zebrafish`)).status, 403);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const problems = [];
  watch(context, problems);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const safe = async (where) => {
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `the payload ran on ${where}`);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `CSP violations on ${where}`);
  };

  // the overview: a timeline per project, manual ticks, agents labelled, the open question
  await page.goto(url, { waitUntil: 'load' });
  assert.equal(await page.locator('h1').textContent(), 'Projects');
  assert.equal(await page.locator('svg.timeline').count(), 1);
  assert.equal(await page.locator('svg.timeline .session').count(), 2);
  // a path per session and kind of checkpoint, a stroke (M…v…) per tick
  const ticks = async (kind) => (await page.locator(`svg.timeline path.tick.${kind}`).evaluateAll(
    (ps) => ps.map((p) => p.getAttribute('d')).join(''))).split('M').length - 1;
  assert.ok(await ticks('manual') >= 3);
  assert.ok(await ticks('auto') >= 1);
  assert.match(await page.locator('ul.questions').textContent(), /Ship on Friday\?/);
  assert.match(await page.locator('ul.questions').textContent(), /<script>window.__pwned=1<\/script>/);
  await page.screenshot({ path: join(OUT, '1-overview.png'), fullPage: true });
  await safe('the overview');

  // keyboard: focus the hostile session's link and press Enter
  await page.locator('nav.jump a').first().click();
  assert.match(page.url(), /#p-shop-[0-9a-f]{8}$/);
  const link = page.locator('a.session-link').filter({ hasText: 'Ship the cart' });
  await link.focus();
  await Promise.all([page.waitForURL(/\/s\/[^/]+\/hostile1$/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('h1').textContent(), 'Ship the cart');
  await safe('the session page');

  // two checkpoints chosen by their labels, then their diff
  await page.getByLabel('Compare checkpoint').selectOption('1');
  await page.getByLabel('with checkpoint').selectOption('3');
  await Promise.all([page.waitForURL(/from=1&to=3/), page.getByRole('button', { name: 'Show diff' }).click()]);
  const diff = page.locator('#diff');
  assert.equal(await diff.locator('h3').textContent(), 'Checkpoint #1 → #3');
  assert.match(await diff.textContent(), /\+ gone\.js \(created\)/);
  assert.match(await diff.textContent(), /\+ api\.js \(reference\)/);
  assert.match(await diff.textContent(), /− <script>window.__pwned=1<\/script>/);
  await safe('the diff');

  // the copy buttons put the commands on the clipboard
  await page.getByRole('button', { name: 'Copy restore command' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'fss restore hostile1');
  await page.getByRole('button', { name: 'Copy handoff to codex' }).click();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /&& codex "\$\(fss restore hostile1 --for codex\)"$/);
  await page.screenshot({ path: join(OUT, '2-session.png'), fullPage: true });

  // search with a filter, then follow the hit
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Words').fill('zebrafish');
  await page.getByLabel('Agent').selectOption('codex');
  await Promise.all([page.waitForURL(/search\?q=zebrafish/), page.getByRole('button', { name: 'Search' }).click()]);
  assert.equal(await page.locator('li.hit').count(), 1);
  assert.equal(await page.locator('li.hit mark').first().textContent(), 'zebrafish');
  await page.screenshot({ path: join(OUT, '3-search.png'), fullPage: true });
  await safe('the search page');
  await Promise.all([page.waitForURL(/\/s\/[^/]+\/hostile1$/), page.locator('a.hit-link').click()]);
  await safe('the session reached from search');

  // the Claude session, captured from its hostile transcript: the failed command and its exit code
  await page.goto(url, { waitUntil: 'load' });
  await Promise.all([page.waitForURL(/\/plain1$/), page.locator('a.session-link').filter({ hasText: 'Checkout copy review' }).click()]);
  assert.equal(await page.locator('td.exit.failed').first().textContent(), '3');
  assert.match(await page.locator('h1').textContent(), /Checkout copy review <script>/);
  await page.screenshot({ path: join(OUT, '2b-claude-session.png'), fullPage: true });
  await safe('the Claude session');

  // every control has a name a screen reader can say
  for (const el of await page.locator('button, select, input').all()) {
    const name = await el.evaluate((e) => e.labels?.[0]?.textContent || e.getAttribute('aria-label') || e.textContent);
    assert.ok(name && name.trim(), 'a control without a label');
  }

  // the static page of fss dashboard --html, opened from disk: no script, nothing fetched, nothing runs
  const file = join(w.root, 'fss.html');
  const r = w.fss(['dashboard', '--html', file], { cwd: repo });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(readFileSync(file, 'utf8'), /<script/);
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  assert.equal(await page.locator('svg.timeline g.session').count(), 2);
  assert.ok(await page.evaluate(() => getComputedStyle(document.querySelector('header')).backgroundColor !== 'rgba(0, 0, 0, 0)'),
    'the inline style applies (allowed by its hash)');
  await page.screenshot({ path: join(OUT, '4-dashboard-html.png'), fullPage: true });
  await safe('the dashboard file');
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);

  assert.deepEqual(problems, [], problems.join('\n'));
  console.log(`# screenshots: ${OUT}`);
});

/** Copies the stored hostile1 session into PROJECTS projects of PER sessions each, with their own ids and times. */
function grow(w, projects, per) {
  const dir = join(w.env.FSS_HOME, 'projects');
  const key = readdirSync(dir)[0];
  const base = JSON.parse(readFileSync(join(dir, key, 'hostile1.json'), 'utf8'));
  const now = Date.now();
  for (let p = 0; p < projects; p++) {
    const pkey = `proj${p}-${(0x10000000 + p).toString(16)}`;
    mkdirSync(join(dir, pkey), { recursive: true, mode: 0o700 });
    for (let i = 0; i < per; i++) {
      const id = `s${p}x${i}`;
      const last = new Date(now - (p * per + i) * 60_000);
      const s = { ...base, session_id: id, project_root: `/work/proj${p}`, working_dir: `/work/proj${p}`,
        start_time: new Date(last - 3_600_000).toISOString(), last_active: last.toISOString() };
      writeFileSync(join(dir, pkey, `${id}.json`), JSON.stringify(s), { mode: 0o600 });
    }
  }
}

test('the overview of 1,000 sessions in 100 projects renders them all (its load time is reported)', { skip: SKIP }, async () => {
  const require = createRequire(import.meta.url);
  const { chromium } = require(process.env.FSS_IT_PLAYWRIGHT);
  const w = world('ui-load');
  const repo = seed(w);
  grow(w, 100, 10);
  const url = await startUi(w, repo);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  const times = [];
  for (let i = 0; i < 4; i++) {
    await page.goto(url, { waitUntil: 'load' });
    // request start to the load event, as the page itself measured it
    times.push(await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return Math.round(n.loadEventEnd - n.requestStart);
    }));
  }
  assert.equal(await page.locator('section.project').count(), 101);
  await page.screenshot({ path: join(OUT, '5-overview-1000.png') });
  const best = Math.min(...times.slice(1)); // the first load warms the JVM's code, as a second look at the page would
  console.log(`# overview of 1,001 sessions, request to load event: ${times.join(', ')} ms (first is cold)`);
  // The 500 ms goal is a benchmark's to judge, not a test's: a timed assertion fails on a busy
  // machine and proves nothing on a quiet one. The number is reported (bench/RESULTS.md keeps it);
  // FSS_IT_UI_STRICT=1 turns it into a check for a run on a machine doing nothing else.
  console.log(`# best warm load ${best} ms (goal 500 ms); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  if (process.env.FSS_IT_UI_STRICT) {
    assert.ok(best <= 500, `best warm load ${best} ms > 500 ms (${times.join(', ')})`);
  }
});
