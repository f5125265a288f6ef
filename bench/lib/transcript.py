"""Synthetic Claude Code transcripts (JSONL) shaped like real ones (shared/reference/claude-code.md §4).

A turn is: a user prompt, a thinking block (with signature), a short assistant text, a TodoWrite call,
a Read, then N tool calls drawn from Write / Edit / Bash, each followed by its tool_result line with a
`toolUseResult` (Edit carries `originalFile` and `structuredPatch`, as the real ones do), a closing
assistant text and a `system/turn_duration` line. One call in `big_every` returns a large result
(a long Bash output or a big Read). Deterministic for a given seed.

Appending continues a file: `<file>.genstate` keeps the turn counter, the last uuid and the clock, so
`append` can run before every timed hook (as hyperfine's --prepare or measure.py's prepare).

CLI:
  transcript.py append FILE... --session ID --cwd DIR [--turns N] [--tools K] [--big-every M] [--seed S]
  transcript.py grow FILE --session ID --cwd DIR --bytes N [--tools K] [--big-every M]
"""

import argparse
import json
import os
import random
import sys
import time

VERSION = "2.1.233"
MODEL = "claude-sonnet-5"
WORDS = ("the a login rate limiter request header retry window cache token session user config "
         "route handler test module build error value count file path parse write read update check "
         "return async await import export const function class interface type result status").split()
LANGS = ("ts", "py", "java", "go", "md")


class Gen:
    """Writes turns for one session; its state round-trips through a small JSON sidecar."""

    def __init__(self, session, cwd, seed=1, start=None):
        self.session = session
        self.cwd = cwd
        self.turn = 0
        self.n = 0
        self.parent = None
        self.clock = time.time() - 3600 if start is None else start
        self.rng = random.Random(seed)
        self.seed = seed
        self.files = ["src/%s/%s.%s" % (self.word(), self.word(), self.rng.choice(LANGS)) for _ in range(30)]

    # ---- state
    @classmethod
    def load(cls, path, session, cwd, seed):
        st = path + ".genstate"
        if os.path.exists(st):
            with open(st) as f:
                d = json.load(f)
            g = cls(d["session"], d["cwd"], d["seed"], d["clock"])
            g.turn, g.n, g.parent = d["turn"], d["n"], d["parent"]
            g.rng.seed(d["seed"] * 1000003 + d["turn"])
            return g
        return cls(session, cwd, seed)

    def save(self, path):
        with open(path + ".genstate", "w") as f:
            json.dump({"session": self.session, "cwd": self.cwd, "seed": self.seed, "clock": self.clock,
                       "turn": self.turn, "n": self.n, "parent": self.parent}, f)

    # ---- text
    def word(self):
        return self.rng.choice(WORDS)

    def words(self, n):
        return " ".join(self.word() for _ in range(n))

    def code(self, nbytes):
        out, size = [], 0
        while size < nbytes:
            line = "    %s %s = %s(%s);" % (self.word(), self.word(), self.word(), self.word())
            out.append(line)
            size += len(line) + 1
        return "\n".join(out)

    def path(self):
        return os.path.join(self.cwd, self.rng.choice(self.files))

    # ---- lines
    def stamp(self):
        self.clock += self.rng.uniform(0.5, 6.0)
        t = time.gmtime(self.clock)
        return time.strftime("%Y-%m-%dT%H:%M:%S", t) + ".%03dZ" % int((self.clock % 1) * 1000)

    def uuid(self):
        self.n += 1
        return "%08x-%04x-4%03x-a%03x-%012x" % (self.n, self.turn & 0xffff, self.n & 0xfff, self.turn & 0xfff,
                                               self.rng.getrandbits(48))

    def entry(self, kind, message, **extra):
        u = self.uuid()
        d = {"parentUuid": self.parent, "isSidechain": False, "userType": "external", "cwd": self.cwd,
             "sessionId": self.session, "version": VERSION, "gitBranch": "main", "type": kind,
             "message": message}
        d.update(extra)
        d["uuid"] = u
        d["timestamp"] = self.stamp()
        self.parent = u
        return d

    def assistant(self, block):
        msg = {"model": MODEL, "id": "msg_%016x" % self.rng.getrandbits(64), "type": "message",
               "role": "assistant", "content": [block], "stop_reason": None,
               "usage": {"input_tokens": 4, "cache_creation_input_tokens": self.rng.randint(100, 3000),
                         "cache_read_input_tokens": self.rng.randint(10000, 90000),
                         "output_tokens": self.rng.randint(20, 900)}}
        return self.entry("assistant", msg, requestId="req_%016x" % self.rng.getrandbits(64))

    def result(self, tool_id, content, tur, is_error=False):
        block = {"tool_use_id": tool_id, "type": "tool_result", "content": content}
        if is_error:
            block["is_error"] = True
        return self.entry("user", {"role": "user", "content": [block]}, toolUseResult=tur)

    def call(self, name, tool_input):
        tid = "toolu_%020x" % self.rng.getrandbits(80)
        return tid, self.assistant({"type": "tool_use", "id": tid, "name": name, "input": tool_input})

    def tool(self, name, big):
        """One tool call and its result: two lines. Returns (lines, counted) — counted: Write/Edit/Bash."""
        p = self.path()
        if name == "Write":
            content = self.code(self.rng.randint(200, 800))
            tid, a = self.call("Write", {"file_path": p, "content": content})
            r = self.result(tid, "File created successfully at: " + p,
                            {"type": "create", "filePath": p, "content": content, "structuredPatch": []})
        elif name == "Edit":
            old, new = self.code(80), self.code(120)
            original = self.code(self.rng.randint(300, 1200))
            tid, a = self.call("Edit", {"file_path": p, "old_string": old, "new_string": new})
            r = self.result(tid, "The file %s has been updated successfully." % p,
                            {"filePath": p, "oldString": old, "newString": new, "originalFile": original,
                             "structuredPatch": [{"oldStart": 10, "oldLines": 2, "newStart": 10, "newLines": 3,
                                                  "lines": ["-" + old[:60], "+" + new[:60], "+" + new[60:120]]}],
                             "userModified": False, "replaceAll": False})
        elif name == "Bash":
            cmd = self.rng.choice(["npm test", "mvn -q test", "git status", "pytest -q", "ls src",
                                   "grep -rn %s src" % self.word(), "make build"])
            out = self.code(self.rng.randint(100, 600) if not big else self.rng.randint(60000, 250000))
            fail = self.rng.random() < 0.15
            tid, a = self.call("Bash", {"command": cmd, "description": self.words(4)})
            if fail:
                r = self.result(tid, "Exit code 1\n" + out[:2000], "Error: Exit code 1\n" + out[:2000], True)
            else:
                r = self.result(tid, out, {"stdout": out, "stderr": "", "interrupted": False, "isImage": False})
        else:  # Read
            content = self.code(self.rng.randint(200, 800) if not big else self.rng.randint(60000, 250000))
            tid, a = self.call("Read", {"file_path": p})
            numbered = "\n".join("%6d\t%s" % (i + 1, l) for i, l in enumerate(content.split("\n")))
            r = self.result(tid, numbered, {"type": "text", "file": {"filePath": p, "content": content,
                                                                      "numLines": content.count("\n") + 1,
                                                                      "startLine": 1,
                                                                      "totalLines": content.count("\n") + 1}})
        return [a, r], name in ("Write", "Edit", "Bash")

    def todos(self, k):
        items = [{"content": self.words(5), "status": "completed" if i < k else
                  ("in_progress" if i == k else "pending"), "activeForm": self.words(4)} for i in range(4)]
        tid, a = self.call("TodoWrite", {"todos": items})
        r = self.result(tid, "Todos have been modified successfully. Ensure that you continue to use the todo "
                             "list to track your progress.", {"oldTodos": [], "newTodos": items})
        return [a, r]

    def next_turn(self, tools=3, big_every=20):
        """One turn as a list of (line_dict, counted) pairs."""
        self.turn += 1
        self.rng.seed(self.seed * 1000003 + self.turn)
        out = []
        out.append((self.entry("user", {"role": "user", "content": "%s (turn %d)" % (
            self.words(self.rng.randint(12, 60)), self.turn)}), False))
        out.append((self.assistant({"type": "thinking", "thinking": self.words(self.rng.randint(20, 80)),
                                    "signature": "%x" % self.rng.getrandbits(512)}), False))
        out.append((self.assistant({"type": "text", "text": self.words(self.rng.randint(10, 30))}), False))
        for line in self.todos(self.turn % 4):
            out.append((line, False))
        lines, _ = self.tool("Read", False)
        out.extend((l, False) for l in lines)
        for i in range(tools):
            name = self.rng.choice(("Write", "Edit", "Edit", "Bash", "Bash"))
            big = big_every > 0 and self.rng.randrange(big_every) == 0
            lines, counted = self.tool(name, big)
            out.append((lines[0], False))
            out.append((lines[1], counted))
        out.append((self.assistant({"type": "text", "text": self.words(self.rng.randint(20, 90))}), False))
        sysline = {"parentUuid": self.parent, "isSidechain": False, "userType": "external", "cwd": self.cwd,
                   "sessionId": self.session, "version": VERSION, "gitBranch": "main", "type": "system",
                   "subtype": "turn_duration", "durationMs": self.rng.randint(2000, 90000),
                   "uuid": self.uuid(), "timestamp": self.stamp(), "isMeta": False}
        self.parent = sysline["uuid"]
        out.append((sysline, False))
        return out


def dumps(line):
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


def append(path, session, cwd, turns=1, tools=3, big_every=20, seed=1):
    g = Gen.load(path, session, cwd, seed)
    with open(path, "a", encoding="utf-8") as f:
        for _ in range(turns):
            f.write("".join(dumps(l) for l, _ in g.next_turn(tools, big_every)))
    g.save(path)


def grow(path, session, cwd, nbytes, tools=3, big_every=20, seed=1):
    g = Gen.load(path, session, cwd, seed)
    size = os.path.getsize(path) if os.path.exists(path) else 0
    with open(path, "a", encoding="utf-8") as f:
        while size < nbytes:
            text = "".join(dumps(l) for l, _ in g.next_turn(tools, big_every))
            f.write(text)
            size += len(text.encode("utf-8"))
    g.save(path)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("append", "grow"))
    ap.add_argument("files", nargs="+")
    ap.add_argument("--session", default="00000000-0000-4000-a000-000000000000")
    ap.add_argument("--cwd", default=os.getcwd())
    ap.add_argument("--turns", type=int, default=1)
    ap.add_argument("--tools", type=int, default=3)
    ap.add_argument("--big-every", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bytes", type=int, default=0)
    a = ap.parse_args(argv)
    for f in a.files:
        if a.mode == "append":
            append(f, a.session, a.cwd, a.turns, a.tools, a.big_every, a.seed)
        else:
            grow(f, a.session, a.cwd, a.bytes, a.tools, a.big_every, a.seed)


if __name__ == "__main__":
    main(sys.argv[1:])
