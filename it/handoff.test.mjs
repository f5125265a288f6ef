// Handoff for real: a Claude Code session handed to the real Codex CLI with `fss handoff --to
// codex`, its printed command run as the user would (only `codex` is a shim adding the headless
// flags to `codex exec`). The Codex session records where it came from; the Claude one is
// transferred and no longer offered. Run: it/run it/handoff.test.mjs
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CODEX, start } from './lib/world.mjs';
import { call, message } from './lib/responses-server.mjs';
import { codexWorld, killStragglers } from './lib/codex.mjs';

const worlds = [];
const running = new Set();
afterEach(() => {
  killStragglers();
  for (const p of running) p.kill('SIGKILL');
  running.clear();
});
after(async () => {
  await Promise.all(worlds.map((w) => w.close()));
});

const TASK = 'Fix the refund rounding: use HALF_EVEN and add a helper';

/**
 * A Claude Code session as Claude Code 2.1.332 leaves it (lines shaped like
 * shared/fixtures/real/claude-code-2.1.332): the transcript in ~/.claude/projects and the
 * SessionStart and Stop hook events fss install claude registers, fed to `fss hook claude`.
 */
function claudeSession(w, id) {
  const dir = join(w.home, '.claude', 'projects', w.repo.replace(/[^A-Za-z0-9]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const transcript = join(dir, `${id}.jsonl`);
  const file = join(w.repo, 'src', 'refund.py');
  let parent = null;
  let t = Date.now() - 60_000;
  const base = () => ({ isSidechain: false, userType: 'external', entrypoint: 'sdk-cli', cwd: w.repo, sessionId: id, version: '2.1.332', gitBranch: 'fix/refund-rounding' });
  const line = (fields) => {
    const uuid = randomUUID();
    const l = { parentUuid: parent, ...fields, uuid, timestamp: new Date((t += 100)).toISOString(), ...base() };
    parent = uuid;
    return JSON.stringify(l);
  };
  const assistant = (n, content, stop) => line({ type: 'assistant', message: { id: `msg_${n}`, type: 'message', role: 'assistant', model: 'claude-opus-5-5', content, stop_reason: stop, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 } } });
  const result = (toolUseId, content, extra = {}) => line({ type: 'user', message: { role: 'user', content: [{ tool_use_id: toolUseId, type: 'tool_result', content, ...extra }] } });
  const lines = [
    JSON.stringify({ type: 'queue-operation', operation: 'enqueue', timestamp: new Date(t).toISOString(), sessionId: id, content: TASK }),
    line({ type: 'user', promptId: randomUUID(), message: { role: 'user', content: TASK }, permissionMode: 'default' }),
    assistant(1, [{ type: 'tool_use', id: 'toolu_01', name: 'TodoWrite', input: { todos: [
      { content: 'Write the refund rounding helper', status: 'completed', activeForm: 'Writing the refund rounding helper' },
      { content: 'Run the refund tests', status: 'in_progress', activeForm: 'Running the refund tests' }] } }], 'tool_use'),
    result('toolu_01', 'Todos have been modified successfully.'),
    assistant(2, [{ type: 'tool_use', id: 'toolu_02', name: 'Write', input: { file_path: file, content: 'def round_refund(x):\n    return round(x, 2)\n' } }], 'tool_use'),
    result('toolu_02', `File created successfully at: ${file}`),
    assistant(3, [{ type: 'tool_use', id: 'toolu_03', name: 'Bash', input: { command: "python3 -c 'import sys; sys.exit(3)'", description: 'Run refund tests' } }], 'tool_use'),
    result('toolu_03', 'Exit code 3', { is_error: true }),
    assistant(4, [{ type: 'text', text: 'The refund helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.' }], 'end_turn'),
  ];
  mkdirSync(join(w.repo, 'src'), { recursive: true });
  writeFileSync(file, 'def round_refund(x):\n    return round(x, 2)\n');
  writeFileSync(transcript, lines.join('\n') + '\n');
  const hook = (event) => {
    const r = w.fss(['hook', 'claude'], { input: JSON.stringify({ session_id: id, transcript_path: transcript, cwd: w.repo, ...event }) });
    assert.equal(r.code, 0, r.stderr);
  };
  hook({ hook_event_name: 'SessionStart', source: 'startup' });
  hook({ hook_event_name: 'Stop', permission_mode: 'default', stop_hook_active: false, last_assistant_message: 'The refund helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.' });
  return transcript;
}

test('fss handoff --to codex: real Codex continues the Claude session, which becomes transferred', async () => {
  const w = await codexWorld('handoff');
  worlds.push(w);
  assert.equal(w.fss(['install', 'claude']).code, 0);
  const claudeId = randomUUID();
  claudeSession(w, claudeId);
  const before = w.fssJson(['list']).sessions.find((s) => s.session_id === claudeId);
  assert.equal(before?.current_task, 'Run the refund tests', JSON.stringify(before));

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
  assert.match(prompt, /\[exit 3\] python3 -c 'import sys; sys\.exit\(3\)'/);
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
});
