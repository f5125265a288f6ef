// Handoff between real Claude Code and real Gemini CLI, both ways, with the command
// `fss handoff --to …` prints run as the user would (only the agent's name is a shim adding the
// headless flags: `claude -p …`, and `gemini -i PROMPT` becoming `gemini -p PROMPT`). The
// continuing session records where it came from; the one it continues is transferred.
// Run: it/run it/gemini-handoff.test.mjs
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CLAUDE, GEMINI, gitRepo, start, world } from './lib/world.mjs';
import { anthropicServer } from './lib/anthropic-server.mjs';
import { geminiServer } from './lib/gemini-server.mjs';

const servers = [];
const running = new Set();
afterEach(() => {
  for (const p of running) p.kill('SIGKILL');
  running.clear();
});
after(async () => {
  await Promise.all(servers.map((m) => m.close()));
});

const TASK = 'Fix the refund rounding: use HALF_EVEN and add a helper';
const SETTINGS = {
  security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
  privacy: { usageStatisticsEnabled: false },
  general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  model: { name: 'gemini-2.5-flash' },
};

/** A user with Claude Code and Gemini CLI, fss installed for both, a repository, both model servers. */
async function setUp(name, geminiScript, claudeScript) {
  const w = world(`handoff-${name}`);
  mkdirSync(join(w.home, '.gemini'), { recursive: true });
  writeFileSync(join(w.home, '.gemini', 'settings.json'), JSON.stringify(SETTINGS, null, 2) + '\n');
  for (const agent of ['claude', 'gemini']) {
    const r = w.fss(['install', agent]);
    assert.equal(r.code, 0, r.stderr);
  }
  const repo = gitRepo(join(w.root, 'repo'), 'fix/refund-rounding');
  mkdirSync(join(repo, 'src'), { recursive: true });
  const gemini = await geminiServer(geminiScript);
  const claude = await anthropicServer(claudeScript);
  servers.push(gemini, claude);
  const env = {
    ...w.env,
    GEMINI_API_KEY: 'it-offline-key',
    GOOGLE_GEMINI_BASE_URL: gemini.url,
    ANTHROPIC_BASE_URL: claude.url,
    ANTHROPIC_API_KEY: 'sk-ant-it-offline',
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_ENABLE_TASKS: '0',
  };
  // the user's `claude` and `gemini`, headless: the same programs with the flags a script needs
  const bin = join(w.root, 'shim');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'claude'), `#!/bin/sh\nexec '${CLAUDE}' -p "$@" --allowedTools 'TodoWrite,Write,Bash' --output-format json\n`);
  writeFileSync(join(bin, 'gemini'),
    `#!/bin/sh\n[ "$1" = -i ] && shift && set -- -p "$@"\nexec '${GEMINI}' --approval-mode yolo -o stream-json "$@"\n`);
  chmodSync(join(bin, 'claude'), 0o755);
  chmodSync(join(bin, 'gemini'), 0o755);
  env.PATH = `${bin}:${env.PATH}`;
  const run = async (cmd, args, cwd) => {
    const p = start(cmd, args, { cwd, env, timeoutMs: 60_000 });
    running.add(p);
    const r = await p.done;
    running.delete(p);
    assert.equal(r.code, 0, `${cmd} ${args.join(' ')} exited ${r.code} (${r.signal || ''}):\n${r.stderr}\n${r.stdout}`);
    return r;
  };
  return { w, repo, gemini, claude, run };
}

/** The text blocks of the last user message a logged Anthropic request carried. */
function claudeLastText(entry) {
  const m = entry.body.messages.filter((x) => x.role === 'user').at(-1);
  return typeof m.content === 'string' ? m.content : m.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
}

/** The text parts of the last user turn a logged Gemini request carried. */
function geminiLastText(entry) {
  const c = entry.body.contents.filter((x) => x.role === 'user').at(-1);
  return (c.parts || []).filter((p) => typeof p.text === 'string').map((p) => p.text).join('\n');
}

const geminiId = (stdout) => JSON.parse(stdout.split('\n').find((l) => l.includes('"type":"init"'))).session_id;

test('fss handoff --to claude: real Claude Code continues a Gemini CLI session, which becomes transferred', async () => {
  let s;
  s = await setUp('g2c', (req) => {
    const last = req.responses.at(-1);
    if (!last) return { tools: [{ name: 'write_todos', args: { todos: [
      { description: 'Write the refund rounding helper', status: 'completed' },
      { description: 'Run the refund tests', status: 'in_progress' },
    ] } }] };
    if (last.name === 'write_todos') {
      return { tools: [{ name: 'write_file', args: { file_path: join(s.repo, 'src/refund.py'), content: 'def r(x):\n    return x\n' } }] };
    }
    if (last.name === 'write_file') return { tools: [{ name: 'run_shell_command', args: { command: "sh -c 'exit 3'" } }] };
    return { text: 'Helper written; the tests exit 3.' };
  }, () => ({ text: 'Picked up the refund rounding from Gemini CLI.' }));

  const gid = geminiId((await s.run('gemini', ['-p', TASK], s.repo)).stdout);
  const handoff = s.w.fss(['handoff', '--to', 'claude', gid], { cwd: s.repo });
  assert.equal(handoff.code, 0, handoff.stderr);
  const command = handoff.stdout.trim();
  assert.match(command, new RegExp(`^cd .+ && claude "\\$\\(.*fss restore ${gid} --for claude\\)"$`));
  await s.run('/bin/sh', ['-c', command], s.w.home);

  const prompt = claudeLastText(s.claude.main()[0]);
  assert.ok(prompt.includes("I'm continuing work started in an earlier Gemini CLI session; you are Claude Code now."), prompt);
  assert.ok(prompt.includes('Current task: Run the refund tests'), prompt);
  assert.match(prompt, /\[exit 3\] sh -c 'exit 3'/);
  assert.match(prompt, /created: src\/refund\.py/);
  assert.ok(prompt.includes(`fss-handoff: ${gid}`), prompt);

  const claudeSession = s.w.fssJson(['list'], { cwd: s.repo }).sessions.find((x) => x.tool === 'claude-code');
  assert.ok(claudeSession, 'the Claude Code session is recorded');
  assert.equal(s.w.fssJson(['restore', claudeSession.session_id], { cwd: s.repo }).restored_from, gid);
  const old = s.w.fssJson(['restore', gid], { cwd: s.repo });
  assert.equal(old.status, 'transferred');
  assert.equal(old.transferred_to, claudeSession.session_id);
});

test('fss handoff --to gemini: real Gemini CLI continues a Claude Code session, which becomes transferred', async () => {
  let s;
  const cid = randomUUID();
  s = await setUp('c2g', () => ({ text: 'Picked up the refund rounding from Claude Code.' }), (req) => {
    const last = req.toolResults[0];
    if (!last) return { tools: [{ name: 'Write', input: { file_path: join(s.repo, 'src/refund.py'), content: 'def r(x):\n    return x\n' } }] };
    if (/created successfully/.test(last.text)) return { tools: [{ name: 'Bash', input: { command: "sh -c 'exit 4'", description: 'tests' } }] };
    return { text: 'Helper written; the tests exit 4.' };
  });

  await s.run('claude', ['--session-id', cid, TASK], s.repo);
  const handoff = s.w.fss(['handoff', '--to', 'gemini', cid], { cwd: s.repo });
  assert.equal(handoff.code, 0, handoff.stderr);
  const command = handoff.stdout.trim();
  assert.match(command, new RegExp(`^cd .+ && gemini -i "\\$\\(.*fss restore ${cid} --for gemini\\)"$`));
  const gid = geminiId((await s.run('/bin/sh', ['-c', command], s.w.home)).stdout);

  const sent = geminiLastText(s.gemini.main()[0]);
  assert.ok(sent.includes("I'm continuing work started in an earlier Claude Code session; you are Gemini CLI now."), sent);
  assert.ok(sent.includes(TASK), sent);
  assert.match(sent, /\[exit 4\] sh -c 'exit 4'/);
  assert.ok(sent.includes(`fss-handoff: ${cid}`), sent);

  const mine = s.w.fssJson(['restore', gid], { cwd: s.repo });
  assert.equal(mine.tool, 'gemini-cli');
  assert.equal(mine.restored_from, cid);
  const old = s.w.fssJson(['restore', cid], { cwd: s.repo });
  assert.equal(old.status, 'transferred');
  assert.equal(old.transferred_to, gid);
});
