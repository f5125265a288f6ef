// Codex CLI on a user's machine for a scenario: CODEX_HOME = $HOME/.codex pointed at a scripted
// Responses server (shared/reference/codex.md, "Addendum 2026-12-01"), fss installed with
// `fss install codex` as a user would, and `codex exec` runs in a real git repository.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODEX, gitRepo, start, world } from './world.mjs';
import { responsesServer } from './responses-server.mjs';

/** Every codex process started, so an `after` hook can kill what a failed test left running. */
const running = new Set();

export function killStragglers() {
  for (const p of running) p.kill('SIGKILL');
  running.clear();
}

/**
 * A world with Codex configured for the mock server. Options: notify (argv array) = the user's own
 * notify program, written to config.toml before fss is installed; install (default true).
 */
export async function codexWorld(name, { notify, install = true, branch = 'fix/refund-rounding' } = {}) {
  const w = world(name);
  const server = await responsesServer(undefined, { logFile: join(w.root, 'requests.jsonl') });
  const codexHome = join(w.home, '.codex');
  mkdirSync(codexHome, { recursive: true });
  const repo = gitRepo(join(w.home, 'src', 'refunds'), branch);
  const lines = [
    'model = "gpt-5.1-codex"',
    'model_provider = "mock"',
    'approval_policy = "never"',
  ];
  if (notify) lines.push(`notify = ${JSON.stringify(notify)}`);
  lines.push(
    '',
    '[model_providers.mock]',
    'name = "mock"',
    `base_url = "${server.url}"`,
    'wire_api = "responses"',
    'env_key = "FSS_IT_MODEL_KEY"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
    '[features]',
    'plugins = false',
    'remote_plugin = false',
    '',
  );
  writeFileSync(join(codexHome, 'config.toml'), lines.join('\n'));
  const env = { ...w.env, CODEX_HOME: codexHome, FSS_IT_MODEL_KEY: 'fake-key', RUST_LOG: 'error' };
  w.env.CODEX_HOME = codexHome;
  if (install) {
    const r = w.fss(['install', 'codex']);
    if (r.code !== 0) throw new Error(`fss install codex exited ${r.code}: ${r.stderr}`);
  }
  const inRepo = (opts) => ({ cwd: repo, ...opts });
  return {
    ...w,
    /** fss as the user runs it in the repository (another cwd with opts.cwd). */
    fss: (args, opts = {}) => w.fss(args, inRepo(opts)),
    fssJson: (args, opts = {}) => w.fssJson(args, inRepo(opts)),
    server,
    repo,
    codexHome,
    config: () => readFileSync(join(codexHome, 'config.toml'), 'utf8'),
    /**
     * Runs `codex exec --skip-git-repo-check [--dangerously-bypass-hook-trust] ARGS…` in the repo
     * with SCRIPT answering its model requests. Resolves with {code, stdout, stderr, threadId,
     * requests: the views of this run's requests}.
     */
    async exec(args, script, { trustHooks = false, timeoutMs = 45_000 } = {}) {
      const from = server.setScript(script);
      const argv = ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox'];
      if (trustHooks) argv.push('--dangerously-bypass-hook-trust');
      const p = start(CODEX, [...argv, ...args], { cwd: repo, env, timeoutMs });
      running.add(p);
      const r = await p.done;
      running.delete(p);
      const threadId = /session id: ([0-9a-f-]{36})/.exec(r.stdout + r.stderr)?.[1];
      return { ...r, threadId, requests: server.views(from) };
    },
    /** fss list --json's sessions, polled until PRED holds for one of them (notify runs detached). */
    async waitForSession(pred, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      let last;
      for (;;) {
        last = w.fssJson(['list', '--all'], { cwd: repo }).sessions;
        const hit = last.find(pred);
        if (hit) return hit;
        if (Date.now() > until) throw new Error(`no such session within ${timeoutMs} ms: ${JSON.stringify(last, null, 1)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    /** What fss logged as hook errors in FSS_HOME/log ([file, text] pairs; fss doctor reports them). */
    hookErrors() {
      const log = join(w.env.FSS_HOME, 'log');
      return (existsSync(log) ? readdirSync(log) : []).map((f) => [f, readFileSync(join(log, f), 'utf8')]);
    },
    async close() {
      await server.close();
    },
  };
}

/** A notify program of the user's: appends its argv (one JSON array per line) to LOG. */
export function userNotifyProgram(dir, log) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'my-notify');
  writeFileSync(file, `#!/bin/sh\nnode -e 'require("fs").appendFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)) + "\\n")' '${log}' "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}
