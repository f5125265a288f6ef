// The real OpenCode (it/run pins the version) with fss installed as a user would (`fss install
// opencode` writes the plugin), driven offline by a scripted Chat Completions server: a session
// killed with SIGKILL in the middle of a command is offered to the next session, whose first
// model request carries our notice, and `fss restore` shows what the killed one did.
// Run: it/run it/opencode.test.mjs
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, chatServer, text } from './lib/chat-server.mjs';
import { gitRepo, killMatching, pidsMatching, start, waitFor, world } from './lib/world.mjs';

const OPENCODE = process.env.FSS_IT_OPENCODE;
const PLUGIN_PACKAGE = process.env.FSS_IT_OPENCODE_PLUGIN;
const servers = [];
const markers = [];
after(async () => {
  markers.forEach(killMatching);
  await Promise.all(servers.map((s) => s.close()));
});

/** A user's machine with OpenCode configured for the scripted model and fss's plugin installed. */
async function opencodeWorld(name) {
  const w = world(name);
  const srv = await chatServer(() => text('ok'), { logFile: join(w.root, 'requests.jsonl') });
  servers.push(srv);
  const config = join(w.home, '.config', 'opencode');
  mkdirSync(config, { recursive: true });
  // what OpenCode would fetch from the registry at start, already in place: it stays on loopback
  for (const f of ['package.json', 'package-lock.json', 'node_modules']) {
    if (existsSync(join(PLUGIN_PACKAGE, f))) cpSync(join(PLUGIN_PACKAGE, f), join(config, f), { recursive: true });
  }
  writeFileSync(join(config, 'opencode.json'), JSON.stringify({
    provider: {
      mock: {
        npm: '@ai-sdk/openai-compatible',
        name: 'Mock',
        options: { baseURL: srv.url, apiKey: 'x' },
        models: { 'mock-model': { name: 'Mock', tool_call: true, limit: { context: 200000, output: 8192 } } },
      },
    },
    model: 'mock/mock-model',
    small_model: 'mock/mock-model',
    autoupdate: false,
    share: 'disabled',
    permission: { edit: 'allow', bash: 'allow' },
  }, null, 2));
  const env = {
    ...w.env,
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
  };
  const installed = w.fss(['install', 'opencode']);
  assert.equal(installed.code, 0, installed.stderr);
  const plugin = join(config, 'plugins', 'fireworks-sessions-saver.js');
  assert.ok(existsSync(plugin), `no plugin at ${plugin}: ${installed.stdout}`);
  return {
    ...w,
    srv,
    env,
    config,
    plugin,
    /** `opencode run --format json MESSAGE` in CWD, started (not awaited); .out() is its stdout so far. */
    run(cwd, message, script, timeoutMs = 300_000) {
      const from = srv.setScript(script);
      const p = start(OPENCODE, ['run', '--format', 'json', message], { cwd, env, timeoutMs });
      let out = '';
      let err = '';
      p.child.stdout.on('data', (d) => (out += d));
      p.child.stderr.on('data', (d) => (err += d));
      const tail = (t) => t.slice(-2000);
      // what to show when a wait on this run times out: its output so far and what the model was asked
      const state = () => `opencode stdout (tail):\n${tail(out)}\nstderr (tail):\n${tail(err)}\n`
        + `model requests since the run started: ${srv.requests.length - from}`;
      return { ...p, from, out: () => out, sessionId: () => sessionIdOf(out), state };
    },
    /** The stored session file, read directly (no fss run, so no refresh on read). */
    stored(id) {
      const projects = join(w.env.FSS_HOME, 'projects');
      if (!existsSync(projects)) return null;
      for (const key of readdirSync(projects)) {
        const f = join(projects, key, `${id}.json`);
        if (existsSync(f)) return JSON.parse(readFileSync(f, 'utf8'));
      }
      return null;
    },
    hookErrors() {
      const f = join(w.env.FSS_HOME, 'log', 'hook.log');
      return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()) : [];
    },
  };
}

function sessionIdOf(stdout) {
  for (const line of stdout.split('\n')) {
    try {
      const e = JSON.parse(line);
      if (typeof e.sessionID === 'string') return e.sessionID;
    } catch {
      /* not a JSON event */
    }
  }
  return undefined;
}

describe('opencode', () => {
  test('a session killed mid-command is offered to the next one, and restore shows its work', async () => {
    const marker = `fss-it-oc-${process.pid}-${Date.now()}`;
    markers.push(marker);
    const w = await opencodeWorld('opencode');
    const repo = gitRepo(join(w.root, 'refunds'), 'fix/refund-rounding');
    const file = join(repo, 'src', 'refund.py');
    const TASK = 'Write the refund rounding helper and run the tests';

    // the killed session: write a file, a test run that exits 3, todos, then a long command
    const first = w.run(repo, TASK, (v) => {
      if (v.output('call_w') === undefined) {
        return call('write', { filePath: file, content: 'def round_refund(x):\n    return round(x, 2)\n' }, 'call_w');
      }
      if (v.output('call_t') === undefined) {
        return call('bash', { command: "python3 -c 'import sys; sys.exit(3)'", description: 'Run refund tests' }, 'call_t');
      }
      if (v.output('call_d') === undefined) {
        return call('todowrite', {
          todos: [
            { content: 'Write the rounding helper', status: 'completed', priority: 'high', id: '1' },
            { content: 'Make refunds round HALF_EVEN', status: 'in_progress', priority: 'high', id: '2' },
          ],
        }, 'call_d');
      }
      if (v.output('call_s') === undefined) {
        // the marker in a variable too: bash execs a lone command, and sleep's command line keeps no comment
        return call('bash', { command: `FSS_IT_MARKER=${marker} sleep 600 # ${marker}`, description: 'Wait for the slow suite' }, 'call_s');
      }
      return text('done');
    });
    await waitFor(() => pidsMatching(marker).length > 0, 240_000, 'the long command to start')
      .catch((e) => { throw new Error(`${e.message}\n${first.state()}`); });
    const id = first.sessionId();
    assert.match(id || '', /^ses_/, `no session id in opencode's output:\n${first.out()}`);
    // the plugin's hook before each bash command leaves a line in fss's spool (the launcher, no
    // JVM); no fss run reads it before the kill: the next session's own start must catch up
    const spooled = join(w.env.FSS_HOME, 'spool', 'events');
    await waitFor(() => existsSync(spooled) && readFileSync(spooled, 'utf8').includes(`\topencode\tPreToolUse\t${id}\t`),
      60_000, 'the spooled turn end of the running session');
    first.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    killMatching(marker);

    // the next session: its first model request carries our notice of the killed one
    const next = w.run(repo, 'Where was I?', () => text('You were fixing the refund rounding.'));
    const r = await next.done;
    assert.equal(r.code, 0, `opencode run exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
    const turns = w.srv.views(next.from).filter((v) => v.hasTools());
    assert.ok(turns.length > 0, 'no model request of the next session');
    const sent = turns[0].all();
    assert.match(sent, /fireworks-sessions-saver/, `the first request carries no fss notice:\n${sent}`);
    assert.ok(sent.includes(id), `the notice does not name ${id}:\n${sent}`);
    // the task it names is the todo in progress
    assert.ok(sent.includes('Make refunds round HALF_EVEN'), `the notice does not give the task:\n${sent}`);

    // fss restore: the request, the file, the commands with their exit codes, the todos
    const restored = w.fss(['restore', id, '--budget', '0']);
    assert.equal(restored.code, 0, restored.stderr);
    const out = restored.stdout;
    assert.ok(out.includes(TASK), out);
    assert.match(out, /src\/refund\.py/);
    assert.match(out, /\[exit 3\] python3 -c 'import sys; sys.exit\(3\)'/);
    assert.ok(out.includes(`sleep 600 # ${marker}`), out);
    assert.match(out, /Make refunds round HALF_EVEN/);
    const json = w.fssJson(['restore', id]);
    assert.equal(json.tool, 'opencode');
    assert.equal(json.checkpoints.at(-1).commands.find((c) => c.command.includes('sys.exit(3)')).exit_code, 3);
    assert.deepEqual(w.hookErrors(), []);

    // uninstall takes the plugin out again
    const un = w.fss(['uninstall', 'opencode']);
    assert.equal(un.code, 0, un.stderr);
    assert.ok(!existsSync(w.plugin), un.stdout);
  });
});
