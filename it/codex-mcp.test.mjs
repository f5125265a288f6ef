// fss mcp with the real Codex: `fss install codex` adds [mcp_servers.fss], Codex starts it and offers
// its tools in the namespace mcp__fss; the scripted model saves a checkpoint (it lands in Codex's own
// thread, named in the call's _meta), searches the history for a word only an earlier session has, and
// restores; every result reaches the next model request.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { codexWorld, killStragglers } from './lib/codex.mjs';
import { message } from './lib/responses-server.mjs';

const worlds = [];
after(async () => {
  killStragglers();
  await Promise.all(worlds.map((w) => w.server.close()));
});

/** A function_call of an MCP tool, as the Responses API gives it to Codex. */
function mcpCall(name, args, callId) {
  return { type: 'function_call', name, namespace: 'mcp__fss', call_id: callId, arguments: JSON.stringify(args) };
}

test('Codex calls fss over MCP: save_checkpoint lands in its thread, search_history and restore_session answer', async () => {
  const w = await codexWorld('codex-mcp');
  worlds.push(w);
  assert.match(w.config(), /\[mcp_servers\.fss\]\ncommand = ".*fss"\nargs = \["mcp"\]/);
  // an earlier session in this repository, with a rare word for search_history to find (the index is
  // built by the search itself, so right after the save)
  const earlier = w.fssJson(['save', '--action', 'checkpoint', '--summary', 'refund rounding traced to the quetzal ledger',
    '--current-task', 'round refunds half-even']).session_id;
  const script = (req) => {
    if (!req.toolNames().includes('mcp__fss/save_checkpoint')) return [message(`no fss tools: ${req.toolNames()}`)];
    if (!req.output('c1')) {
      return [mcpCall('save_checkpoint', { summary: 'refund retries made idempotent', current_task: 'ship the refund fix',
        decisions: ['keep 3 retries; back off 2x'] }, 'c1')];
    }
    // the default (the latest recoverable session) skips the caller's own: ask for it by the id just saved
    const id = /saved in session (\S+) /.exec(req.output('c1'))?.[1];
    if (!req.output('c3')) return [mcpCall('search_history', { query: 'quetzal' }, 'c3')];
    if (!req.output('c2')) return [mcpCall('restore_session', { session: id }, 'c2')];
    return [message('Saved and restored.')];
  };
  const r = await w.exec(['save where we are, then show me the restore'], script, { timeoutMs: 40_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.threadId, 'codex printed its session id');
  const last = r.requests.at(-1);
  assert.ok(last.toolNames().includes('mcp__fss/search_history'), `tools: ${last.toolNames()}`);
  assert.match(last.output('c1'), new RegExp(`saved in session ${r.threadId}`));
  assert.match(last.output('c3'), new RegExp(earlier));
  assert.match(last.output('c3'), /«quetzal»/);
  assert.match(last.output('c2'), /ship the refund fix/);
  const s = w.fssJson(['restore', r.threadId]);
  assert.equal(s.tool, 'codex');
  assert.deepEqual(s.checkpoints.at(-1).key_decisions, ['keep 3 retries; back off 2x']);
});
