{{MANAGED}}
// fireworks-sessions-saver for OpenCode: runs `fss hook opencode` when a session starts (the notice
// of restorable sessions goes into its first message, as a synthetic part), at each turn's end
// (session.idle), before each bash command, around a compaction (the saved state goes into the
// compaction prompt) and at exit. A turn's end and a bash command only append a line to fss's
// spool (the launcher does it in shell, no JVM); the next fss run that reads sessions checkpoints
// them. Fire-and-forget except where OpenCode needs an answer, and then never longer than WAIT_MS.
// Every failure is swallowed: OpenCode must never break because of fss.
import { spawn } from "node:child_process";
import { homedir } from "node:os";
import { join } from "node:path";

const FSS = {{FSS}};
const WAIT_MS = 4000;

// Where OpenCode keeps its sessions (xdg-basedir, as OpenCode resolves it).
function database() {
  const data = process.env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(data, "opencode", "opencode.db");
}

function input(name, sessionID, cwd, extra) {
  return JSON.stringify({ hook_event_name: name, session_id: sessionID, cwd, transcript_path: database(), ...extra });
}

// A detached child that outlives OpenCode's exit; nobody waits for it.
function fire(name, sessionID, cwd, extra) {
  try {
    const child = spawn(FSS, ["hook", "opencode"], { stdio: ["pipe", "ignore", "ignore"], detached: true });
    child.on("error", () => {});
    child.stdin.on("error", () => {});
    child.stdin.end(input(name, sessionID, cwd, extra));
    child.unref();
  } catch {}
}

// The hook's answer (the text it adds to the context), or null after WAIT_MS or on any failure.
function ask(name, sessionID, cwd, extra) {
  return new Promise((resolve) => {
    let out = "";
    let done = false;
    let child = null;
    const finish = (value) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        resolve(value);
      }
    };
    const timer = setTimeout(() => {
      try {
        if (child) child.kill();
      } catch {}
      finish(null);
    }, WAIT_MS);
    try {
      child = spawn(FSS, ["hook", "opencode"], { stdio: ["pipe", "pipe", "ignore"] });
      child.on("error", () => finish(null));
      child.stdin.on("error", () => {});
      child.stdout.on("data", (d) => {
        if (out.length < 1048576) out += d;
      });
      child.on("close", () => {
        try {
          const o = JSON.parse(out);
          const text = o && o.hookSpecificOutput && o.hookSpecificOutput.additionalContext;
          finish(typeof text === "string" && text ? text : null);
        } catch {
          finish(null);
        }
      });
      child.stdin.end(input(name, sessionID, cwd, extra));
    } catch {
      finish(null);
    }
  });
}

export const FireworksSessionsSaver = async (ctx) => {
  const cwd = (ctx && (ctx.directory || ctx.worktree)) || process.cwd();
  const notices = new Map(); // session id -> the pending notice, until its first message takes it
  const seen = new Set(); // sessions of this process, ended cleanly at exit
  return {
    event: async ({ event }) => {
      try {
        const p = (event && event.properties) || {};
        const id = p.sessionID || (p.info && p.info.id);
        if (typeof id !== "string") return;
        if (event.type === "session.created") {
          if (p.info && p.info.parentID) return; // a subagent's session: its parent is the one to restore
          seen.add(id);
          notices.set(id, ask("SessionStart", id, (p.info && p.info.directory) || cwd, { source: "startup" }));
        } else if (event.type === "session.idle") {
          seen.add(id);
          fire("Stop", id, cwd, {});
        } else if (event.type === "session.compacted") {
          fire("PostCompact", id, cwd, {});
        }
      } catch {}
    },
    "chat.message": async (hook, output) => {
      try {
        const id = hook && hook.sessionID;
        const pending = id && notices.get(id);
        if (!pending) return;
        notices.delete(id);
        const text = await pending;
        if (!text || !output || !Array.isArray(output.parts)) return;
        const part = { type: "text", synthetic: true, text, sessionID: id };
        if (output.message && output.message.id) part.messageID = output.message.id;
        // a part's id sets its order: after the user's own text
        const last = output.parts[output.parts.length - 1];
        if (last && typeof last.id === "string" && last.id.length > 16) {
          part.id = last.id.slice(0, 16) + "z".repeat(last.id.length - 16);
        }
        output.parts.push(part);
      } catch {}
    },
    "tool.execute.before": async (hook) => {
      try {
        if (hook && hook.tool === "bash" && typeof hook.sessionID === "string") {
          seen.add(hook.sessionID);
          fire("PreToolUse", hook.sessionID, cwd, { tool_name: "bash" });
        }
      } catch {}
    },
    "experimental.session.compacting": async (hook, output) => {
      try {
        const text = await ask("PreCompact", hook.sessionID, cwd, { trigger: "auto" });
        if (text && output && Array.isArray(output.context)) output.context.push(text);
      } catch {}
    },
    dispose: async () => {
      try {
        for (const id of seen) fire("SessionEnd", id, cwd, { reason: "exit" });
      } catch {}
    },
  };
};
