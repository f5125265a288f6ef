// The real Codex CLI (it/run pins the version) with fss installed as a user would, driven offline
// by a scripted Responses server: what fss stores, what `fss restore` says, and what reaches the
// model. Run: it/run it/codex.test.mjs
import { after, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, message } from './lib/responses-server.mjs';
import { codexWorld, killStragglers, userNotifyProgram } from './lib/codex.mjs';

const worlds = [];
afterEach(killStragglers);
after(async () => {
  killStragglers();
  await Promise.all(worlds.map((w) => w.close()));
});

async function newWorld(name, opts) {
  const w = await codexWorld(name, opts);
  worlds.push(w);
  return w;
}

/** exec_command that fails with exit 3, then a final answer once its output is back. */
function failingTests(v) {
  if (v.output('call_t') === undefined) return [call('exec_command', { cmd: 'echo "2 failed"; exit 3' }, 'call_t')];
  return [message('The refund tests fail (exit 3).')];
}

function assertRan(r) {
  assert.equal(r.code, 0, `codex exec exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
  assert.match(r.threadId || '', /^[0-9a-f-]{36}$/, `no session id in codex's output:\n${r.stderr}`);
}

const OBJECTIVE = 'Make refunds round HALF_EVEN across the billing service';
const CONTINUATION = '<codex_internal_context source="goal">';

describe('codex', () => {
  test('hooks trusted: a failing exec_command is checkpointed, and the next session is told of it', async () => {
    const w = await newWorld('codex-hooks');
    const first = await w.exec(['run the refund tests'], failingTests, { trustHooks: true });
    assertRan(first);
    assert.match(first.requests[1].output('call_t'), /Process exited with code 3/);
    // no earlier session: SessionStart says nothing
    const dev = first.requests[0].texts('developer');
    assert.deepEqual(dev.filter((t) => t.startsWith('fireworks-sessions-saver:')), []);
    // the skill fss install put in ~/.agents/skills is offered to the model
    assert.ok(dev.some((t) => /- fireworks-sessions-saver: .*\(file: r\d\/fireworks-sessions-saver\/SKILL\.md\)/.test(t)), dev.join('\n'));

    const s = await w.waitForSession((x) => x.session_id === first.threadId && x.checkpoints > 0);
    assert.equal(s.tool, 'codex');
    assert.equal(s.current_task, 'run the refund tests');
    assert.equal(s.git_branch, 'fix/refund-rounding');
    const text = w.fss(['restore', first.threadId, '--budget', '0']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\[exit 3\] echo "2 failed"; exit 3/);
    assert.match(text.stdout, /Branch: fix\/refund-rounding/);
    assert.match(text.stdout, /The refund tests fail \(exit 3\)\./);
    const stored = w.fssJson(['restore', first.threadId]);
    assert.equal(stored.checkpoints.at(-1).commands.at(-1).exit_code, 3);
    // codex exec ends its session with a SessionEnd hook: the session is ended, not left active
    assert.equal(stored.status, 'ended', JSON.stringify({ status: stored.status, end_reason: stored.end_reason }));
    assert.equal(stored.view.goal ?? null, null); // no goal set: none stored

    const next = await w.exec(['where was I?'], () => [message('You were fixing the refund tests.')], { trustHooks: true });
    assertRan(next);
    assert.notEqual(next.threadId, first.threadId);
    const notice = next.requests[0].texts('developer').find((t) => t.startsWith('fireworks-sessions-saver:'));
    assert.ok(notice, `the first request carries no fss notice: ${JSON.stringify(next.requests[0].texts('developer'))}`);
    assert.match(notice, /1 earlier session in this project can be restored/);
    assert.ok(notice.includes(`id ${first.threadId}`), notice);
    assert.match(notice, /codex · ended · task: run the refund tests · branch fix\/refund-rounding/);
    assert.match(notice, /fss restore <id>/);
    assert.deepEqual(w.hookErrors(), []);
  });

  test('notify only (hooks not yet approved): the turn is checkpointed and the user\'s own notify still runs', async () => {
    const dir = mkdtempSync(join(process.env.FSS_IT_ROOT, 'user-notify-'));
    const log = join(dir, 'calls.log');
    const mine = userNotifyProgram(dir, log);
    const w = await newWorld('codex-notify', { notify: [mine, '--from-user'] });
    assert.match(w.config(), /notify = \[".*fss", "hook", "codex-notify", "--then", ".*my-notify", "--from-user"\]/);

    const r = await w.exec(['run the refund tests'], failingTests);
    assertRan(r);
    const s = await w.waitForSession((x) => x.session_id === r.threadId && x.checkpoints > 0);
    assert.equal(s.current_task, 'run the refund tests');
    const text = w.fss(['restore', r.threadId, '--budget', '0']).stdout;
    assert.match(text, /\[exit 3\] echo "2 failed"; exit 3/);

    // chained: the user's program got its own argument and the turn JSON, as Codex gives it
    const until = Date.now() + 10_000;
    while (!existsSync(log) && Date.now() < until) await new Promise((res) => setTimeout(res, 100));
    assert.ok(existsSync(log), 'the user\'s notify program was never called');
    const argv = JSON.parse(readFileSync(log, 'utf8').trim().split('\n')[0]);
    assert.equal(argv[0], '--from-user');
    const turn = JSON.parse(argv[1]);
    assert.equal(turn.type, 'agent-turn-complete');
    assert.equal(turn['thread-id'], r.threadId);

    // the hooks really were not run: a next session is told nothing (SessionStart is a hook)
    const next = await w.exec(['where was I?'], () => [message('No idea.')]);
    assertRan(next);
    const told = next.requests[0].texts('developer').filter((t) => t.startsWith('fireworks-sessions-saver:'));
    assert.deepEqual(told, [], 'untrusted hooks ran');
    assert.deepEqual(w.hookErrors(), []);
  });

  test('a goal set with create_goal is the task while active, and completed with update_goal it is history', async () => {
    const w = await newWorld('codex-goal');
    const set = await w.exec([`set a goal: ${OBJECTIVE}`], (v) => {
      if (v.texts('user').some((t) => t.startsWith(CONTINUATION))) return [message('ok')]; // a goal turn, if one gets that far
      if (v.output('call_g') === undefined) return [call('create_goal', { objective: OBJECTIVE }, 'call_g')];
      if (v.output('call_t') === undefined) return [call('exec_command', { cmd: 'exit 4' }, 'call_t')];
      return [message('Goal set; the tests fail.')];
    }, { trustHooks: true });
    assertRan(set);
    const created = JSON.parse(set.requests[1].output('call_g'));
    assert.equal(created.goal.status, 'active');
    assert.equal(created.goal.objective, OBJECTIVE);

    let s = await w.waitForSession((x) => x.session_id === set.threadId && x.goal);
    assert.deepEqual(s.goal, { objective: OBJECTIVE, status: 'active' });
    assert.equal(s.current_task, OBJECTIVE);
    let text = w.fss(['restore', set.threadId, '--budget', '0']).stdout;
    assert.ok(text.includes(`Current task: ${OBJECTIVE}\nGoal status: active\n`), text);
    assert.match(text, /\[exit 4\] exit 4/);

    // Codex continues an active goal on its own: resuming the thread starts a goal turn
    // (turn_trigger "goal") whose request carries the continuation prompt as a user message
    const done = await w.exec(['resume', set.threadId, 'finish the goal'], (v) => {
      if (v.output('call_gg') === undefined) return [call('get_goal', {}, 'call_gg')];
      if (v.output('call_u') === undefined) return [call('update_goal', { status: 'complete' }, 'call_u')];
      return [message('Goal complete.')];
    }, { trustHooks: true });
    assertRan(done);
    assert.equal(done.threadId, set.threadId);
    assert.ok(done.requests[0].texts('user').some((t) => t.startsWith(CONTINUATION)), 'no goal continuation prompt');
    assert.equal(JSON.parse(done.requests[2].output('call_u')).goal.status, 'complete');

    s = await w.waitForSession((x) => x.session_id === set.threadId && x.goal?.status === 'complete');
    assert.equal(s.current_task, 'finish the goal');
    text = w.fss(['restore', set.threadId, '--budget', '0']).stdout;
    assert.ok(text.includes(`Goal (complete): ${OBJECTIVE}`), text);
    assert.ok(text.includes('\n> finish the goal\n'), text);
    assert.ok(!text.includes('codex_internal_context'), 'the continuation prompt is not a request of the user\'s');
    const stored = w.fssJson(['restore', set.threadId]);
    assert.deepEqual(stored.checkpoints.at(-1).goal, { objective: OBJECTIVE, status: 'complete' });
    assert.deepEqual(stored.view.goal, { objective: OBJECTIVE, status: 'complete' });
    assert.deepEqual(w.hookErrors(), []);
  });
});
