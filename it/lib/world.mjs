// One user's machine for a scenario: a temp HOME and FSS_HOME, fss installed by install.sh
// (it/run passes the launcher), the agents' programs from the npm cache, and helpers to run them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FSS = need('FSS_IT_FSS');
export const CLAUDE = need('FSS_IT_CLAUDE');
export const CODEX = need('FSS_IT_CODEX');
export const GEMINI = need('FSS_IT_GEMINI');

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the scenarios through it/run`);
  return v;
}

/** A fresh HOME under it/run's temp root, with PATH leading to the installed fss. */
export function world(name) {
  const root = mkdtempSync(join(process.env.FSS_IT_ROOT, `${name}-`));
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    PATH: `${join(FSS, '..')}:${process.env.PATH}`,
    HOME: home,
    FSS_HOME: join(home, '.fireworks-sessions'),
    LANG: 'C.UTF-8',
    TMPDIR: process.env.TMPDIR || '/tmp',
    MAVEN_USER_HOME: process.env.MAVEN_USER_HOME || '',
  };
  return {
    root,
    home,
    env,
    /** Runs fss as the user would; returns {code, stdout, stderr}. */
    fss(args, opts = {}) {
      return runSync(FSS, args, { ...opts, env: { ...env, ...(opts.env || {}) } });
    },
    /** fss … --json, parsed. */
    fssJson(args, opts = {}) {
      const r = this.fss([...args, '--json'], opts);
      if (r.code !== 0) throw new Error(`fss ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    },
  };
}

/** A real git repository with one commit on BRANCH. */
export function gitRepo(dir, branch = 'main') {
  mkdirSync(dir, { recursive: true });
  const git = (...a) => {
    const r = spawnSync('git', ['-C', dir, ...a], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q', '-b', branch);
  git('-c', 'user.email=it@example.com', '-c', 'user.name=it', 'commit', '-q', '--allow-empty', '-m', 'initial commit');
  return dir;
}

export function runSync(cmd, args, { cwd, env, input, timeoutMs = 60_000 } = {}) {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts CMD in its own process group; resolves with {code, signal, stdout, stderr} when it ends,
 * or kills the group at timeoutMs. The returned object also has kill(signal) for the whole group.
 */
export function start(cmd, args, { cwd, env, timeoutMs = 120_000 } = {}) {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const timer = setTimeout(() => killGroup('SIGKILL'), timeoutMs);
  const done = new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, kill: killGroup };
}

/** Polls COND (sync or async) every 50 ms until it is truthy; throws after timeoutMs naming WHAT. */
export async function waitFor(cond, timeoutMs, what = 'condition') {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * SIGKILLs, by pid, each process whose command line contains MARKER: a string unique to one
 * scenario run, put in the commands it has the agent run, for stragglers the agent left behind.
 */
export function killMatching(marker) {
  let killed = 0;
  for (const pid of pidsMatching(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      /* already gone */
    }
  }
  return killed;
}

/**
 * The ids of the running processes whose command line or environment contains MARKER (this one
 * excepted). The environment, because `bash -c 'X=marker sleep 600'` execs sleep in its place: the
 * command line loses everything but `sleep 600`, the variable stays.
 */
export function pidsMatching(marker) {
  const out = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    for (const f of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${pid}/${f}`, 'utf8').includes(marker)) {
          out.push(Number(pid));
          break;
        }
      } catch {
        /* gone, or not ours to read */
      }
    }
  }
  return out;
}
