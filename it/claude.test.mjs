// The real Claude Code (`claude -p`, the version it/run installs) with fss installed as a user
// would (`fss install claude`), in a real git repository, driven by a scripted Anthropic Messages
// server on 127.0.0.1. Each scenario checks the store (fss list / restore --json), the text of
// fss restore, and what the model was sent (the server's request log).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUDE, gitRepo, killMatching, pidsMatching, start, waitFor, world } from './lib/world.mjs';
import { anthropicServer } from './lib/anthropic-server.mjs';

const TOOLS = 'TodoWrite,Write,Edit,Bash,Read';
/** Marks the shell of the long command, so a straggler can be found and ended. */
const MARK = `fss-it-claude-${process.pid}`;

const servers = [];
const runs = [];
afterEach(() => killMatching(MARK));
after(async () => {
  for (const r of runs) r.kill('SIGKILL'); // a scenario that failed half-way leaves none running
  killMatching(MARK);
  await Promise.all(servers.map((s) => s.close()));
});

/** A user's machine: fss installed for Claude Code, a repository on BRANCH, a model server. */
async function setUp(name, branch, script) {
  const w = world(`claude-${name}`);
  const install = w.fss(['install', 'claude']);
  assert.equal(install.code, 0, install.stderr);
  const repo = gitRepo(join(w.root, 'repo'), branch);
  const model = await anthropicServer(script, { logFile: join(w.root, 'requests.jsonl') });
  servers.push(model);
  const env = {
    ...w.env,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: 'sk-ant-it-offline',
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    // TodoWrite instead of the Task tools (the default since 2.1.16; reference/claude-code.md §3)
    CLAUDE_CODE_ENABLE_TASKS: '0',
  };
  /** claude -p ARGS… in DIR; resolves with the process result once it ends (or is killed). */
  const claude = (args, { cwd = repo, timeoutMs = 45_000 } = {}) => {
    const run = start(CLAUDE, ['-p', ...args, '--allowedTools', TOOLS, '--output-format', 'json'], { cwd, env, timeoutMs });
    runs.push(run);
    return run;
  };
  const transcript = (id) => {
    const projects = join(w.home, '.claude', 'projects');
    for (const d of existsSync(projects) ? readdirSync(projects) : []) {
      const f = join(projects, d, `${id}.jsonl`);
      if (existsSync(f)) return f;
    }
    return null;
  };
  const lines = (id) =>
    readFileSync(transcript(id), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { w, repo, model, claude, transcript, lines };
}

/** Our hooks ran without an error: fss logs hook errors in FSS_HOME/log (fss doctor reports them). */
function noHookErrors(w) {
  const log = join(w.env.FSS_HOME, 'log');
  const files = existsSync(log) ? readdirSync(log) : [];
  assert.deepEqual(files.map((f) => [f, readFileSync(join(log, f), 'utf8')]), []);
}

function ok(r) {
  assert.equal(r.code, 0, `claude exited ${r.code} (${r.signal || ''}): ${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout);
}

/** The session's one checkpoint view: fss restore ID --json. */
function restored(w, id, cwd) {
  return w.fssJson(['restore', id], { cwd });
}

function toolCall(request, name) {
  for (const m of request.body.messages) {
    for (const b of Array.isArray(m.content) ? m.content : []) {
      if (b.type === 'tool_use' && b.name === name) return b;
    }
  }
  return null;
}

function toolResultFor(request, id) {
  for (const m of request.body.messages) {
    for (const b of Array.isArray(m.content) ? m.content : []) {
      if (b.type === 'tool_result' && b.tool_use_id === id) {
        return typeof b.content === 'string' ? b.content : b.content.map((c) => c.text || '').join('\n');
      }
    }
  }
  return null;
}

const PLAN = [
  { content: 'Write the refund rounding helper', status: 'in_progress', activeForm: 'Writing the helper' },
  { content: 'Run the refund tests', status: 'pending', activeForm: 'Running the refund tests' },
];

describe('Claude Code: one turn, then /compact on resume', () => {
  let s;
  const id = randomUUID();
  const prompt = 'Fix the refund rounding: use HALF_EVEN and add a helper';
  before(async () => {
    // One step per model call; the last message's tool result decides what comes next.
    s = await setUp('turn', 'fix/refund-rounding', (req) => {
      const last = req.toolResults[0];
      if (req.lastText.includes(prompt) && !last) {
        return { text: "I'll plan this.", tools: [{ name: 'TodoWrite', input: { todos: PLAN } }] };
      }
      if (last && last.text.includes('Todos have been modified')) {
        return { tools: [{ name: 'Write', input: { file_path: join(s.repo, 'src/refund.py'), content: 'def round_refund(x):\n    return round(x, 2)\n' } }] };
      }
      if (last && /created successfully/.test(last.text)) {
        return { tools: [{ name: 'Edit', input: { file_path: join(s.repo, 'src/refund.py'), old_string: 'round(x, 2)', new_string: 'half_even(x)' } }] };
      }
      if (last && /updated/.test(last.text)) {
        return { tools: [{ name: 'Bash', input: { command: "sh -c 'exit 3'", description: 'Run the refund tests' } }] };
      }
      if (last && last.isError) {
        return { text: 'The helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.' };
      }
      return { text: 'Carrying on with the refund helper.' };
    });
  });

  test('TodoWrite, Write, Edit and a failing Bash are captured, and SessionEnd records its reason', async () => {
    const out = ok(await s.claude(['--session-id', id, prompt]).done);
    assert.equal(out.session_id, id);

    // what the model was sent: each tool really ran, and the failing command's exit code came back
    const main = s.model.main();
    assert.equal(main.length, 5, `five model calls: ${main.map((r) => r.n)}`);
    const todo = toolCall(main[1], 'TodoWrite');
    assert.match(toolResultFor(main[1], todo.id), /Todos have been modified/);
    const bash = toolCall(main[4], 'Bash');
    assert.match(toolResultFor(main[4], bash.id), /Exit code 3/);
    assert.ok(!JSON.stringify(main[0].body).includes('can be restored'), 'no earlier session to offer');
    assert.equal(readFileSync(join(s.repo, 'src/refund.py'), 'utf8'), 'def round_refund(x):\n    return half_even(x)\n');

    // the store
    const list = s.w.fssJson(['list'], { cwd: s.repo });
    assert.deepEqual(list.sessions.map((x) => x.session_id), [id]);
    const r = restored(s.w, id, s.repo);
    const c = r.checkpoints.at(-1);
    assert.equal(r.tool, 'claude-code');
    assert.equal(r.status, 'ended');
    assert.equal(r.end_reason, 'other', 'claude -p ends a session with reason "other"');
    assert.deepEqual(c.last_prompts, [prompt]);
    assert.equal(c.current_task, 'Write the refund rounding helper');
    assert.deepEqual(c.todos.map((t) => [t.content, t.status]), PLAN.map((t) => [t.content, t.status]));
    assert.deepEqual(c.files.map((f) => [f.path, f.role]), [[join(s.repo, 'src/refund.py'), 'created']]);
    assert.deepEqual(c.commands.map((x) => [x.command, x.exit_code ?? null]), [["sh -c 'exit 3'", 3]]);
    assert.equal(c.git_branch, 'fix/refund-rounding');
    assert.equal(c.last_assistant_message, 'The helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.');

    const text = s.w.fss(['restore', id], { cwd: s.repo });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Branch: fix\/refund-rounding/);
    assert.match(text.stdout, /\[in progress\] Write the refund rounding helper/);
    assert.match(text.stdout, /\[exit 3\] sh -c 'exit 3'/);
    noHookErrors(s.w);
  });

  test('claude -p --resume ID /compact puts the saved state into the transcript as hook context', async () => {
    const before = s.model.requests.length;
    ok(await s.claude(['--resume', id, '/compact']).done);

    // the summarisation request carried the conversation, and was answered with a summary
    const compact = s.model.requests.slice(before).filter((r) => r.kind === 'compact');
    assert.equal(compact.length, 1, `one compact request: ${s.model.requests.slice(before).map((r) => r.kind)}`);
    const sent = JSON.stringify(compact[0].body.messages);
    assert.ok(sent.includes(prompt), 'the request to summarise');
    assert.ok(sent.includes('Exit code 3'), 'the failing command');

    // after compaction our SessionStart hook re-injected this session's state
    const lines = s.lines(id);
    const injected = lines.filter((l) => l.type === 'attachment' && l.attachment.type === 'hook_additional_context');
    assert.equal(injected.length, 1, 'one hook_additional_context attachment');
    const ctx = injected[0].attachment.content.join('\n');
    assert.match(ctx, /^fireworks-sessions-saver: the working state of this session just before compaction/);
    assert.match(ctx, /Current task: Write the refund rounding helper/);
    assert.match(ctx, /\[exit 3\] sh -c 'exit 3'/);
    assert.ok(lines.some((l) => l.type === 'attachment' && l.attachment.type === 'hook_success'
      && l.attachment.hookName === 'SessionStart:compact'), 'hook_success of SessionStart:compact');

    // the summary is kept, and our own context did not come back as the user's words
    const c = restored(s.w, id, s.repo).checkpoints.at(-1);
    assert.deepEqual(c.last_prompts, [prompt]);
    assert.ok(c.compaction_notes.some((n) => n.includes('the scripted pending task')), JSON.stringify(c.compaction_notes));
  });

  test('the next turn after /compact sends the re-injected state to the model', async () => {
    const before = s.model.requests.length;
    ok(await s.claude(['--resume', id, 'carry on']).done);

    const first = s.model.requests.slice(before).find((r) => r.kind === 'main');
    const sent = JSON.stringify(first.body.messages);
    assert.ok(sent.includes('SessionStart hook additional context: fireworks-sessions-saver: the working state'), 'the hook context');
    assert.ok(sent.includes('Current task: Write the refund rounding helper'));

    const r = restored(s.w, id, s.repo);
    assert.deepEqual(r.checkpoints.at(-1).last_prompts, [prompt, 'carry on'], 'oldest first');
    assert.equal(r.restored_from ?? null, null, 'our own context names this session: it is no handoff');
    noHookErrors(s.w);
  });
});

describe('Claude Code: killed mid-command, then a new session in a subdirectory', () => {
  let s;
  const oldId = randomUUID();
  const newId = randomUUID();
  const prompt = 'Make the cart total round to cents';
  // a slow test run; not a bare `sleep 30`, which Claude Code refuses to run ("Blocked: standalone sleep")
  const long = `node -e "setTimeout(() => {}, 30000)" ${MARK}`;
  before(async () => {
    s = await setUp('killed', 'feat/cart-total', (req) => {
      const last = req.toolResults[0];
      if (req.lastText.includes(prompt) && !last) {
        return {
          tools: [{ name: 'TodoWrite', input: { todos: [
            { content: 'Round the cart total to cents', status: 'in_progress', activeForm: 'Rounding the total' },
            { content: 'Run the cart tests', status: 'pending', activeForm: 'Running the cart tests' },
          ] } }],
        };
      }
      if (last && last.text.includes('Todos have been modified')) {
        return { tools: [{ name: 'Write', input: { file_path: join(s.repo, 'src/cart.py'), content: 'def total(xs):\n    return round(sum(xs), 2)\n' } }] };
      }
      if (last && /created successfully/.test(last.text)) {
        return { tools: [{ name: 'Bash', input: { command: 'ls src', description: 'List the sources' } }] };
      }
      if (last && last.text.includes('cart.py')) {
        return { tools: [{ name: 'Bash', input: { command: long, description: 'Run the slow cart tests' } }] };
      }
      return { text: 'I can see an earlier session here.' };
    });
    mkdirSync(join(s.repo, 'src'), { recursive: true });
  });

  test('the killed session is offered to the next one, and restores with its cut-off command', async () => {
    // session 1: killed (SIGKILL to its process group) while the long command runs, so no Stop
    const run = s.claude(['--session-id', oldId, prompt]);
    await waitFor(() => pidsMatching(MARK).length > 0, 20_000, 'the long command to run');
    run.kill('SIGKILL');
    const killed = await run.done;
    assert.equal(killed.signal, 'SIGKILL');
    killMatching(MARK);

    // session 2, started in a subdirectory: its first model request carries our notice
    const before = s.model.requests.length;
    ok(await s.claude(['--session-id', newId, 'What was I doing?'], { cwd: join(s.repo, 'src') }).done);
    const first = s.model.requests.slice(before).find((r) => r.kind === 'main');
    const sent = JSON.stringify(first.body.messages);
    assert.ok(sent.includes('fireworks-sessions-saver: 1 earlier session in this project can be restored'), sent.slice(0, 3000));
    assert.ok(sent.includes(`id ${oldId}`), 'the old session id');
    assert.ok(sent.includes('task: Round the cart total to cents'), 'the old task');

    // fss restore OLD: the request, the todo in progress, the files, the commands, the branch
    const r = restored(s.w, oldId, s.repo);
    const c = r.checkpoints.at(-1);
    assert.notEqual(r.status, 'ended');
    assert.equal(r.end_reason ?? null, null, 'no SessionEnd for a killed session');
    assert.deepEqual(c.last_prompts, [prompt]);
    assert.equal(c.current_task, 'Round the cart total to cents');
    assert.deepEqual(c.files.map((f) => [f.path, f.role]), [[join(s.repo, 'src/cart.py'), 'created']]);
    assert.deepEqual(c.commands.map((x) => [x.command, x.exit_code ?? null]), [['ls src', 0], [long, null]]);
    assert.equal(c.git_branch, 'feat/cart-total');

    const text = s.w.fss(['restore', oldId], { cwd: join(s.repo, 'src') });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`Session ${oldId}`));
    assert.match(text.stdout, /Make the cart total round to cents/);
    assert.match(text.stdout, /\[in progress\] Round the cart total to cents/);
    assert.match(text.stdout, /src\/cart\.py/);
    assert.match(text.stdout, /\[exit 0\] ls src/);
    assert.ok(text.stdout.includes(`- [exit ?] ${long}`), 'the cut-off command, without an exit code');
    assert.match(text.stdout, /Branch: feat\/cart-total/);

    // and the new session, run to its end, is recorded with its reason
    const n = restored(s.w, newId, s.repo);
    assert.equal(n.status, 'ended');
    assert.equal(n.end_reason, 'other');
    noHookErrors(s.w);
  });
});
