"""Writes a large fss store quickly, in the real format, for bench/scale.sh.

usage: scale_store.py TEMPLATE.json FSS_HOME PROJECT_PARENT PROJECTS PER_PROJECT [ACTIVE_EVERY]

TEMPLATE.json is a session file written by fss itself (`fss save`). Each generated session is that
file with a new session id, project root, times and one or two varied checkpoint fields, written
compact as the store writes it, with its lock file beside it. Project roots are PROJECT_PARENT/p000…
(git repositories are made by the caller); their store folders are named as ProjectRoot.key names
them. Times are spread over the last 20 days (inside the default 30-day retention). Every
ACTIVE_EVERY-th session (default 50) is active with a transcript (an existing small .jsonl whose
size is the recorded offset); the others ended, as sessions closed by SessionEnd are.
"""

import copy
import datetime
import json
import os
import sys


def hash8(s):
    h = 0xcbf29ce484222325
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    folded = (h ^ (h >> 32)) & 0xFFFFFFFF
    return "%08x" % folded


def key(root):
    name = os.path.basename(root.rstrip("/")) or "root"
    slug = "".join(c if (c.isascii() and (c.isalnum() or c in "_-.")) else "-" for c in name)[:40].lstrip(".-")
    return (slug or "project") + "-" + hash8(os.path.normpath(root))


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def main():
    template, home, parent, projects, per = sys.argv[1:6]
    active_every = int(sys.argv[6]) if len(sys.argv) > 6 else 50
    projects, per = int(projects), int(per)
    with open(template) as f:
        base = json.load(f)
    now = datetime.datetime.now(datetime.timezone.utc)
    transcripts = os.path.join(home, "..", "transcripts")
    os.makedirs(transcripts, exist_ok=True)
    n = 0
    for p in range(projects):
        root = os.path.join(parent, "p%03d" % p)
        d = os.path.join(home, "projects", key(root))
        os.makedirs(d, mode=0o700, exist_ok=True)
        for i in range(per):
            n += 1
            sid = "bench-%03d-%06d-0000-4000-8000-%012d" % (p, i, n)
            s = copy.deepcopy(base)
            last = now - datetime.timedelta(seconds=(n * 7919) % (20 * 86400) + 120)
            start = last - datetime.timedelta(minutes=30 + n % 90)
            s["session_id"] = sid
            s["project_root"] = root
            s["working_dir"] = root
            s["start_time"] = iso(start)
            s["last_active"] = iso(last)
            for c in s.get("checkpoints", []):
                c["timestamp"] = iso(last)
                c["summary"] = "session %d of project %d: %s" % (i, p, c.get("summary") or "")
                c["current_task"] = "task %d: %s" % (n, c.get("current_task") or "")
            if n % active_every == 0:
                t = os.path.join(transcripts, sid + ".jsonl")
                with open(t, "w") as f:
                    f.write('{"type":"user"}\n')
                s["status"] = "active"
                s["end_reason"] = None
                s["tool"] = "claude-code"
                s["capture"] = {"format": "claude", "transcript_path": os.path.abspath(t),
                                "offset": os.path.getsize(t)}
            else:
                s["status"] = "ended"
                s["end_reason"] = "exit"
            path = os.path.join(d, sid + ".json")
            with open(path, "w") as f:
                f.write(json.dumps(s, separators=(",", ":"), ensure_ascii=False) + "\n")
            os.chmod(path, 0o600)
            lock = os.path.join(d, sid + ".lock")
            open(lock, "w").close()
            os.chmod(lock, 0o600)
    print(n)


if __name__ == "__main__":
    main()
