// fss mcp with the real Claude Code: `fss install claude` registers the server, Claude Code starts it
// (here with alwaysLoad through --mcp-config, so its tools are in the first request's tools[]), the
// scripted model calls mcp__fss__search_history, mcp__fss__list_sessions and mcp__fss__restore_session,
// and the tool results reach the next model request; restoring links the running session to the one it
// restores.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUDE, FSS, gitRepo, start, world } from './lib/world.mjs';
import { anthropicServer } from './lib/anthropic-server.mjs';

const servers = [];
after(async () => Promise.all(servers.map((s) => s.close())));

function toolResult(request, id) {
  for (const m of request.body.messages) {
    for (const b of Array.isArray(m.content) ? m.content : []) {
      if (b.type === 'tool_result' && b.tool_use_id === id) {
        return typeof b.content === 'string' ? b.content : b.content.map((c) => c.text || '').join('\n');
      }
    }
  }
  return null;
}

function toolUse(request, name) {
  for (const m of request.body.messages) {
    for (const b of Array.isArray(m.content) ? m.content : []) {
      if (b.type === 'tool_use' && b.name === name) return b;
    }
  }
  return null;
}

test('Claude Code calls fss over MCP: search_history, list_sessions and restore_session answer, and the restore is linked', async () => {
  const w = world('mcp');
  assert.equal(w.fss(['install', 'claude']).code, 0);
  const entry = JSON.parse(readFileSync(join(w.home, '.claude.json'), 'utf8')).mcpServers.fss;
  assert.deepEqual([entry.type, entry.command, entry.args], ['stdio', FSS, ['mcp']]);

  const repo = gitRepo(join(w.root, 'repo'), 'main');
  // a rare word only this earlier session has: search_history must find it (the index is built by the
  // search itself, so right after the save)
  const saved = w.fssJson(['save', '--action', 'checkpoint', '--summary', 'refund webhook half done',
    '--current-task', 'make refund retries idempotent', '--decisions', 'dedupe by the quetzal ledger key'],
  { cwd: repo });
  const old = saved.session_id;
  const id = randomUUID();

  const model = await anthropicServer((req) => {
    if (req.n === 1 || !req.toolResults.length) {
      return { tools: [{ name: 'mcp__fss__search_history', input: { query: 'quetzal' } }] };
    }
    if (!toolUse(req, 'mcp__fss__list_sessions')) {
      return { tools: [{ name: 'mcp__fss__list_sessions', input: {} }] };
    }
    if (/Recoverable sessions/.test(req.toolResults[0].text)) {
      return { tools: [{ name: 'mcp__fss__restore_session', input: { session: old.slice(0, 8) } }] };
    }
    return { text: 'Restored: carrying on with the refund retries.' };
  }, { logFile: join(w.root, 'requests.jsonl') });
  servers.push(model);

  // the installed entry, with alwaysLoad: the tools are in the first request (no ToolSearch step)
  const cfg = join(w.root, 'mcp.json');
  writeFileSync(cfg, JSON.stringify({ mcpServers: { fss: { ...entry, alwaysLoad: true } } }));
  const env = {
    ...w.env,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: 'sk-ant-it-offline',
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  };
  const run = start(CLAUDE, ['-p', '--session-id', id, '--mcp-config', cfg, '--strict-mcp-config',
    '--allowedTools', 'mcp__fss', '--output-format', 'json', 'Where was I? Pick up my last session.'],
  { cwd: repo, env, timeoutMs: 40_000 });
  const r = await run.done;
  assert.equal(r.code, 0, `claude exited ${r.code} (${r.signal || ''}): ${r.stderr}\n${r.stdout}`);

  const main = model.main();
  assert.equal(main.length, 4, `four model calls: ${main.map((x) => x.n)}`);
  const names = main[0].body.tools.map((t) => t.name);
  for (const t of ['search_history', 'list_sessions', 'restore_session', 'diff_checkpoints', 'save_checkpoint']) {
    assert.ok(names.includes(`mcp__fss__${t}`), `${t} in tools[]: ${names}`);
  }
  const found = toolResult(main[1], toolUse(main[1], 'mcp__fss__search_history').id);
  assert.match(found, new RegExp(old));
  assert.match(found, /«quetzal»/);
  const list = toolResult(main[2], toolUse(main[2], 'mcp__fss__list_sessions').id);
  assert.match(list, new RegExp(old));
  assert.match(list, /refund webhook half done/);
  const restored = toolResult(main[3], toolUse(main[3], 'mcp__fss__restore_session').id);
  assert.match(restored, /make refund retries idempotent/);

  // the running session (CLAUDE_CODE_SESSION_ID in the server's environment) continues the old one
  assert.equal(w.fssJson(['restore', id], { cwd: repo }).restored_from, old);
});
