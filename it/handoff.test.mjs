// Handoff for real: a real Claude Code session (claude -p against the scripted Anthropic server)
// handed to the real Codex CLI with `fss handoff --to codex`, its printed command run as the user
// would (only `codex` is a shim adding the headless flags to `codex exec`). The Codex session records where it came from; the Claude one is
// transferred and no longer offered. Run: it/run it/handoff.test.mjs
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CLAUDE, CODEX, start } from './lib/world.mjs';
import { anthropicServer } from './lib/anthropic-server.mjs';
import { call, message } from './lib/responses-server.mjs';
import { codexWorld, killStragglers } from './lib/codex.mjs';

const worlds = [];
const servers = [];
const running = new Set();
afterEach(() => {
  killStragglers();
  for (const p of running) p.kill('SIGKILL');
  running.clear();
});
after(async () => {
  await Promise.all([...worlds.map((w) => w.close()), ...servers.map((m) => m.close())]);
});

const TASK = 'Fix the refund rounding: use HALF_EVEN and add a helper';

const PLAN = [
  { content: 'Write the refund rounding helper', status: 'completed', activeForm: 'Writing the helper' },
  { content: 'Run the refund tests', status: 'in_progress', activeForm: 'Running the refund tests' },
];

/**
 * A real Claude Code session (`claude -p`, fss installed for it) against the scripted Anthropic
 * server: a plan, a file written, a test run that exits 3, an answer.
 */
async function claudeSession(w, id) {
  const file = join(w.repo, 'src', 'refund.py');
  const model = await anthropicServer((req) => {
    const last = req.toolResults[0];
    if (!last) return { text: "I'll plan this.", tools: [{ name: 'TodoWrite', input: { todos: PLAN } }] };
    if (/Todos have been modified/.test(last.text)) {
      return { tools: [{ name: 'Write', input: { file_path: file, content: 'def round_refund(x):\n    return round(x, 2)\n' } }] };
    }
    if (/created successfully/.test(last.text)) {
      return { tools: [{ name: 'Bash', input: { command: "sh -c 'exit 3'", description: 'Run the refund tests' } }] };
    }
    return { text: 'The helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.' };
  });
  servers.push(model);
  const env = {
    ...w.env,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: 'sk-ant-it-offline',
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_ENABLE_TASKS: '0', // TodoWrite rather than the Task tools
  };
  const p = start(CLAUDE, ['-p', '--session-id', id, TASK, '--allowedTools', 'TodoWrite,Write,Bash', '--output-format', 'json'],
    { cwd: w.repo, env, timeoutMs: 45_000 });
  running.add(p);
  const r = await p.done;
  running.delete(p);
  assert.equal(r.code, 0, `claude exited ${r.code} (${r.signal || ''}): ${r.stderr}\n${r.stdout}`);
  assert.equal(model.main().length, 4, 'plan, write, test run, answer');
}

test('fss handoff --to codex: real Codex continues the Claude session, which becomes transferred', async () => {
  const w = await codexWorld('handoff');
  worlds.push(w);
  assert.equal(w.fss(['install', 'claude']).code, 0);
  const claudeId = randomUUID();
  await claudeSession(w, claudeId);
  const before = w.fssJson(['list']).sessions.find((s) => s.session_id === claudeId);
  assert.equal(before?.current_task, 'Run the refund tests', JSON.stringify(before));
  assert.equal(before.tool, 'claude-code');

  const handoff = w.fss(['handoff', '--to', 'codex', claudeId]);
  assert.equal(handoff.code, 0, handoff.stderr);
  const command = handoff.stdout.trim();
  assert.match(command, new RegExp(`^cd .+ && codex "\\$\\(.*fss restore ${claudeId} --for codex\\)"$`));

  // the user's `codex`, headless: the same program with exec's flags in front
  const bin = join(w.root, 'shim');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'codex'), `#!/bin/sh\nexec '${CODEX}' exec --skip-git-repo-check --dangerously-bypass-approvals-and-sandbox --dangerously-bypass-hook-trust "$@"\n`);
  chmodSync(join(bin, 'codex'), 0o755);
  const from = w.server.setScript((v) => {
    if (v.output('call_t') === undefined) return [call('exec_command', { cmd: 'git status --short' }, 'call_t')];
    return [message('Picked up the refund rounding; the tests still need HALF_EVEN.')];
  });
  const p = start('/bin/sh', ['-c', command], {
    cwd: w.home,
    env: { ...w.env, PATH: `${bin}:${w.env.PATH}`, FSS_IT_MODEL_KEY: 'fake-key' },
    timeoutMs: 45_000,
  });
  running.add(p);
  const r = await p.done;
  running.delete(p);
  assert.equal(r.code, 0, `the handoff command exited ${r.code}:\n${r.stderr}`);
  const codexId = /session id: ([0-9a-f-]{36})/.exec(r.stdout + r.stderr)?.[1];
  assert.ok(codexId, r.stderr);

  // what reached the model: the restore, worded for Codex, as the user's first prompt
  const first = w.server.views(from)[0];
  const prompt = first.lastUserText();
  assert.ok(prompt.startsWith("I'm continuing work started in an earlier Claude Code session; you are Codex now."), prompt);
  assert.ok(prompt.includes('Current task: Run the refund tests'), prompt);
  assert.ok(prompt.includes(TASK), prompt);
  assert.match(prompt, /\[exit 3\] sh -c 'exit 3'/);
  assert.match(prompt, /created: src\/refund\.py/);
  assert.ok(prompt.trim().endsWith(`fss-handoff: ${claudeId}`), prompt);

  const codex = await w.waitForSession((s) => s.session_id === codexId && s.checkpoints > 0);
  assert.equal(codex.tool, 'codex');
  // the task it continues, not the prompt's opening sentence (fixed after this scenario showed it)
  assert.equal(codex.current_task, 'Run the refund tests');
  const mine = w.fssJson(['restore', codexId]);
  assert.equal(mine.restored_from, claudeId);
  const old = w.fssJson(['restore', claudeId]);
  assert.equal(old.status, 'transferred');
  assert.equal(old.transferred_to, codexId);
  assert.ok(!w.fssJson(['list']).sessions.some((s) => s.session_id === claudeId), 'the Claude session is no longer offered');
  assert.deepEqual(w.hookErrors(), []);
});
