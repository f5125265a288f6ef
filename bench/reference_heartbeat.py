#!/usr/bin/python3
"""The reference: what the original tool's heartbeat.py did after every Write, Edit or Bash call.

A PostToolUse hook: read the event on stdin, find the working directory's active session
(~/.claude/sessions/active_<hash>.json), run `git diff --name-only HEAD` and
`git ls-files --others --exclude-standard`, merge those paths into the session's file list, bump
last_active, and write the JSON back. Like the original it writes in place (no lock, no fsync).

Run it with /usr/bin/python3: the pyenv shim on this machine's PATH adds ~70 ms to every start.
"""

import datetime
import hashlib
import json
import os
import pathlib
import subprocess
import sys


def git(cwd, *args):
    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [l for l in r.stdout.splitlines() if l] if r.returncode == 0 else []


def main():
    try:
        event = json.load(sys.stdin)
    except ValueError:
        event = {}
    cwd = event.get("cwd") or os.getcwd()
    sessions = pathlib.Path(os.environ.get("HOME", "~")).expanduser() / ".claude" / "sessions"
    path = sessions / ("active_%s.json" % hashlib.md5(cwd.encode()).hexdigest()[:8])
    if not path.exists():
        return 0
    data = json.loads(path.read_text())
    changed = git(cwd, "diff", "--name-only", "HEAD") + git(cwd, "ls-files", "--others", "--exclude-standard")
    now = datetime.datetime.now().isoformat(timespec="seconds")
    data["last_active"] = now
    checkpoints = data.get("checkpoints") or []
    target = checkpoints[-1] if checkpoints else data
    files = target.setdefault("files", [])
    known = {f.get("path") if isinstance(f, dict) else f for f in files}
    for p in changed:
        if p not in known:
            files.append({"path": p, "last_modified": now, "role": "editing", "note": "heartbeat"})
            known.add(p)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
