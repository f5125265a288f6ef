// fss mcp under the official MCP Inspector's CLI (a real MCP client, offline): tools/list passes its
// --strict schema checks, every tool answers a call, and a bad argument is a tool error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FSS, gitRepo, runSync, world } from './lib/world.mjs';

const INSPECTOR = process.env.FSS_IT_INSPECTOR;

test('the MCP Inspector lists every tool (strict) and calls each one', { skip: !INSPECTOR && 'FSS_IT_INSPECTOR unset' }, () => {
  const w = world('inspector');
  const repo = gitRepo(join(w.root, 'repo'), 'main');
  const env = { ...w.env, MCP_INSPECTOR_SECRET_STORE: 'memory' };
  const inspect = (...args) => {
    const r = runSync(INSPECTOR, ['--cli', FSS, 'mcp', ...args], { cwd: repo, env, timeoutMs: 60_000 });
    assert.equal(r.code, 0, `inspector ${args.join(' ')} exited ${r.code}: ${r.stderr}\n${r.stdout}`);
    return JSON.parse(r.stdout);
  };
  const call = (tool, ...args) => inspect('--method', 'tools/call', '--tool-name', tool,
    ...args.flatMap((a) => ['--tool-arg', a]));
  const text = (r) => r.content.map((c) => c.text).join('\n');

  const list = inspect('--strict', '--method', 'tools/list');
  assert.deepEqual(list.tools.map((t) => t.name).sort(),
    ['diff_checkpoints', 'list_sessions', 'restore_session', 'save_checkpoint', 'search_history']);

  const saved = call('save_checkpoint', 'summary=inspector saved this', 'current_task=check every tool',
    'files=[{"path":"src/app.js","role":"editing"}]', 'decisions=["one; with a semicolon"]');
  assert.equal(saved.isError, false, text(saved));
  const id = /session (\S+) \(/.exec(text(saved))[1];
  call('save_checkpoint', 'summary=a second checkpoint');
  assert.match(text(call('list_sessions')), new RegExp(id));
  assert.match(text(call('search_history', 'query=inspector', 'limit=3')), new RegExp(id));
  assert.match(text(call('restore_session', `session=${id}`, 'budget=800')), /check every tool|a second checkpoint/);
  assert.equal(call('diff_checkpoints', `session=${id}`, 'list=true').isError, false);
  // a tool error: the Inspector prints the result, then its own "tool_is_error" line, and fails
  const bad = runSync(INSPECTOR, ['--cli', FSS, 'mcp', '--method', 'tools/call', '--tool-name', 'restore_session',
    '--tool-arg', 'session=../etc'], { cwd: repo, env, timeoutMs: 60_000 });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stdout, /"isError": true/);
  assert.match(bad.stdout, /'session' must be a session id/);
  assert.match(bad.stdout + bad.stderr, /tool_is_error/);
});
