// The real Gemini CLI (`gemini -p`, the version it/run installs) with fss installed as a user would
// (`fss install gemini`), in a real git repository, driven by a scripted Gemini API server on
// 127.0.0.1. Each scenario checks the store (fss restore --json), the text of fss restore, and
// what the model was sent (the server's request log).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GEMINI, gitRepo, killMatching, pidsMatching, start, waitFor, world } from './lib/world.mjs';
import { geminiServer } from './lib/gemini-server.mjs';

/** Marks the shell of the long command, so a straggler can be found and ended. */
const MARK = `fss-it-gemini-${process.pid}`;

/** What Gemini CLI needs to run offline and headless (shared/reference/gemini-cli.md). */
const SETTINGS = {
  security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
  privacy: { usageStatisticsEnabled: false },
  general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  model: { name: 'gemini-2.5-flash' },
};

const servers = [];
const runs = [];
afterEach(() => killMatching(MARK));
after(async () => {
  for (const r of runs) r.kill('SIGKILL');
  killMatching(MARK);
  await Promise.all(servers.map((s) => s.close()));
});

/** A user's machine: Gemini CLI set up for offline use, fss installed for it, a repository, a model server. */
async function setUp(name, branch, script) {
  const w = world(`gemini-${name}`);
  const settings = join(w.home, '.gemini', 'settings.json');
  mkdirSync(join(w.home, '.gemini'), { recursive: true });
  writeFileSync(settings, JSON.stringify(SETTINGS, null, 2) + '\n');
  const install = w.fss(['install', 'gemini']);
  assert.equal(install.code, 0, install.stderr);
  const repo = gitRepo(join(w.root, 'repo'), branch);
  const model = await geminiServer(script, { logFile: join(w.root, 'requests.jsonl') });
  servers.push(model);
  const env = { ...w.env, GEMINI_API_KEY: 'it-offline-key', GOOGLE_GEMINI_BASE_URL: model.url };
  /** gemini -p PROMPT in DIR; resolves with the process result once it ends (or is killed). */
  const gemini = (args, { cwd = repo, timeoutMs = 60_000 } = {}) => {
    const run = start(GEMINI, ['--approval-mode', 'yolo', '-o', 'stream-json', ...args], { cwd, env, timeoutMs });
    runs.push(run);
    return run;
  };
  return { w, repo, model, gemini, settings };
}

/** The session id of a stream-json run: its first line is {"type":"init","session_id":…}. */
function sessionIdOf(stdout) {
  const line = stdout.split('\n').find((l) => l.includes('"type":"init"'));
  return line ? JSON.parse(line).session_id : null;
}

function ok(r) {
  assert.equal(r.code, 0, `gemini exited ${r.code} (${r.signal || ''}): ${r.stderr}\n${r.stdout}`);
  const id = sessionIdOf(r.stdout);
  assert.ok(id, `a session id in: ${r.stdout.slice(0, 500)}`);
  return id;
}

function noHookErrors(w) {
  const log = join(w.env.FSS_HOME, 'log');
  const files = existsSync(log) ? readdirSync(log) : [];
  assert.deepEqual(files.map((f) => [f, readFileSync(join(log, f), 'utf8')]), []);
}

/** The chat file of a session (the file name carries the first 8 characters of its id). */
function chatFile(home, id) {
  const tmp = join(home, '.gemini', 'tmp');
  for (const slug of existsSync(tmp) ? readdirSync(tmp) : []) {
    const dir = join(tmp, slug, 'chats');
    for (const f of existsSync(dir) ? readdirSync(dir) : []) {
      if (f.endsWith(`-${id.slice(0, 8)}.jsonl`)) return join(dir, f);
    }
  }
  return null;
}

/** The user turns' texts of a request. */
const userTexts = (req) => (req.body.contents || []).filter((c) => c.role === 'user')
  .flatMap((c) => (c.parts || []).filter((p) => typeof p.text === 'string').map((p) => p.text));

describe('Gemini CLI: a turn with todos, a file and a failing command', () => {
  let s;
  const prompt = 'Fix the refund rounding: use HALF_EVEN and add a helper';
  const TODOS = [
    { description: 'Write the refund rounding helper', status: 'in_progress' },
    { description: 'Run the refund tests', status: 'pending' },
  ];
  before(async () => {
    s = await setUp('turn', 'fix/refund-rounding', (req) => {
      const last = req.responses.at(-1);
      if (!last) return { text: "I'll plan this.", tools: [{ name: 'write_todos', args: { todos: TODOS } }] };
      if (last.name === 'write_todos') {
        return { tools: [{ name: 'write_file', args: { file_path: join(s.repo, 'src/refund.py'), content: 'def round_refund(x):\n    return round(x, 2)\n' } }] };
      }
      if (last.name === 'write_file') {
        return { tools: [{ name: 'run_shell_command', args: { command: "sh -c 'exit 3'", description: 'Run the refund tests' } }] };
      }
      return { text: 'The helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.' };
    });
  });

  test('install kept every other setting; the hooks are in milliseconds and named', () => {
    const settings = JSON.parse(readFileSync(s.settings, 'utf8'));
    assert.deepEqual(settings.security, SETTINGS.security);
    assert.deepEqual(settings.model, SETTINGS.model);
    assert.deepEqual(Object.keys(settings.hooks).sort(), ['AfterAgent', 'SessionEnd', 'SessionStart']);
    const h = settings.hooks.SessionStart[0];
    assert.equal(h.matcher, '*');
    assert.equal(h.hooks[0].name, 'fss');
    assert.equal(h.hooks[0].timeout, 10000);
    assert.match(h.hooks[0].command, / hook gemini$/);
  });

  test('write_todos, write_file and a shell command exiting 3 are captured; SessionEnd ends it', async () => {
    const id = ok(await s.gemini(['-p', prompt]).done);
    const main = s.model.main();
    assert.equal(main.length, 4, `four model calls: ${main.map((r) => r.n)}`);
    assert.ok(!JSON.stringify(main[0].body).includes('can be restored'), 'no earlier session to offer');
    assert.match(main[3].responses?.[0]?.output ?? JSON.stringify(main[3].body.contents.at(-1)), /Exit Code: 3/);
    assert.equal(readFileSync(join(s.repo, 'src/refund.py'), 'utf8'), 'def round_refund(x):\n    return round(x, 2)\n');

    const r = s.w.fssJson(['restore', id], { cwd: s.repo });
    const c = r.checkpoints.at(-1);
    assert.equal(r.tool, 'gemini-cli');
    assert.equal(r.status, 'ended');
    assert.deepEqual(c.last_prompts, [prompt]);
    assert.equal(c.current_task, 'Write the refund rounding helper');
    assert.deepEqual(c.todos.map((t) => [t.content, t.status]), TODOS.map((t) => [t.description, t.status]));
    assert.deepEqual(c.files.map((f) => [f.path, f.role]), [[join(s.repo, 'src/refund.py'), 'created']]);
    assert.deepEqual(c.commands.map((x) => [x.command, x.exit_code ?? null]), [["sh -c 'exit 3'", 3]]);
    assert.equal(c.git_branch, 'fix/refund-rounding');
    assert.equal(c.last_assistant_message, 'The helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.');

    const text = s.w.fss(['restore', id], { cwd: s.repo });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\[in progress\] Write the refund rounding helper/);
    assert.match(text.stdout, /\[exit 3\] sh -c 'exit 3'/);
    assert.match(text.stdout, /src\/refund\.py/);
    noHookErrors(s.w);
  });

  test('fss import gemini finds the chat file and changes nothing it already has', () => {
    const r = s.w.fss(['import', 'gemini']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /import gemini: 0 imported, 0 updated, 1 unchanged, 0 skipped \(of 1 transcripts\)/);
  });

  test('fss uninstall gemini takes out exactly what install added', () => {
    const r = s.w.fss(['uninstall', 'gemini']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(readFileSync(s.settings, 'utf8')), SETTINGS);
  });
});

describe('Gemini CLI: killed mid-command, then a new session in a subdirectory', () => {
  let s;
  const prompt = 'Make the cart total round to cents';
  const long = `sleep 30 # ${MARK}`;
  before(async () => {
    s = await setUp('killed', 'feat/cart-total', (req) => {
      const last = req.responses.at(-1);
      if (req.lastText.includes('What was I doing?')) {
        return { text: 'You were rounding the cart total to cents; the slow tests were cut off.' };
      }
      if (!last && req.lastText.includes(prompt)) {
        return { tools: [{ name: 'write_todos', args: { todos: [
          { description: 'Round the cart total to cents', status: 'in_progress' },
          { description: 'Run the cart tests', status: 'pending' },
        ] } }] };
      }
      if (last?.name === 'write_todos') {
        return { tools: [{ name: 'write_file', args: { file_path: join(s.repo, 'src/cart.py'), content: 'def total(xs):\n    return round(sum(xs), 2)\n' } }] };
      }
      if (last?.name === 'write_file') return { tools: [{ name: 'run_shell_command', args: { command: 'ls src', description: 'List' } }] };
      if (last?.name === 'run_shell_command' && last.output.includes('cart.py')) {
        return { tools: [{ name: 'run_shell_command', args: { command: long, description: 'Run the slow cart tests' } }] };
      }
      return { text: 'Done.' };
    });
    mkdirSync(join(s.repo, 'src'), { recursive: true });
  });

  let oldId;
  test('killed mid-command (no AfterAgent), it is offered in the first model request of a session in a subdirectory', async () => {
    const run = s.gemini(['-p', prompt]);
    await waitFor(() => pidsMatching(MARK).length > 0, 30_000, 'the long command to run');
    run.kill('SIGKILL');
    const killed = await run.done;
    assert.equal(killed.signal, 'SIGKILL');
    killMatching(MARK);
    oldId = sessionIdOf(killed.stdout);
    assert.ok(oldId, killed.stdout);

    const before = s.model.requests.length;
    const newId = ok(await s.gemini(['-p', 'What was I doing?'], { cwd: join(s.repo, 'src') }).done);
    assert.notEqual(newId, oldId);
    const first = s.model.requests.slice(before).find((r) => r.kind === 'main');
    const sent = userTexts(first).join('\n');
    const notice = /<hook_context>([\s\S]*?)<\/hook_context>/.exec(sent);
    assert.ok(notice, `our notice in <hook_context>: ${sent.slice(0, 3000)}`);
    assert.match(notice[1], /fireworks-sessions-saver: 1 earlier session in this project can be restored/);
    assert.ok(notice[1].includes(`id ${oldId}`), 'the old session id');
    assert.ok(notice[1].includes('task: Round the cart total to cents'), 'the old task');

    // the new session's own request is the user's words, not our notice
    const n = s.w.fssJson(['restore', newId], { cwd: s.repo });
    assert.deepEqual(n.checkpoints.at(-1).last_prompts, ['What was I doing?']);
    noHookErrors(s.w);
  });

  test('fss restore shows its request, todos, file and commands with exit codes', () => {
    const r = s.w.fssJson(['restore', oldId], { cwd: s.repo });
    const c = r.checkpoints.at(-1);
    assert.notEqual(r.status, 'ended');
    assert.deepEqual(c.last_prompts, [prompt]);
    assert.equal(c.current_task, 'Round the cart total to cents');
    assert.deepEqual(c.files.map((f) => [f.path, f.role]), [[join(s.repo, 'src/cart.py'), 'created']]);
    assert.deepEqual(c.commands.map((x) => x.command).slice(0, 1), ['ls src']);
    assert.equal(c.commands[0].exit_code, 0);
    assert.equal(c.git_branch, 'feat/cart-total');

    const text = s.w.fss(['restore', oldId], { cwd: join(s.repo, 'src') });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`Session ${oldId}`));
    assert.match(text.stdout, /Make the cart total round to cents/);
    assert.match(text.stdout, /\[in progress\] Round the cart total to cents/);
    assert.match(text.stdout, /src\/cart\.py/);
    assert.match(text.stdout, /\[exit 0\] ls src/);
    const chat = readFileSync(chatFile(s.w.home, oldId), 'utf8');
    if (chat.includes(MARK)) {
      // Gemini CLI wrote the running call before the kill: it is shown without an exit code
      assert.ok(text.stdout.includes(`[exit ?] ${long}`), text.stdout);
    }
  });
});
