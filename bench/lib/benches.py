"""The benchmarks behind bench/run.sh. Each sets up its own data under $BENCH_WORK, times fss through
the launcher in $FSS (a command line), and appends rows to $BENCH_WORK/results.jsonl, which
`report` prints as a table. Standard library only; run with /usr/bin/python3.

usage: benches.py hook|session|growth|start|drain|store|import|spool|report|train [...]
"""

import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402
import transcript  # noqa: E402

PY = "/usr/bin/python3"
LIB = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(LIB)
REFERENCE = os.path.join(BENCH, "reference_heartbeat.py")
WORK = os.environ.get("BENCH_WORK") or sys.exit("BENCH_WORK is not set (run bench/run.sh)")
HOME = os.path.join(WORK, "home")
RESULTS = os.path.join(WORK, "results.jsonl")


def env_int(name, default):
    v = os.environ.get(name)
    return int(v) if v else default


# Whatever the session running the benchmark has set must not leak into fss or git.
for k in list(os.environ):
    if (k.startswith(("FSS_", "CLAUDE", "CODEX", "GIT_")) or k in ("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                                                                   "JDK_JAVA_OPTIONS")):
        del os.environ[k]
os.environ["HOME"] = HOME
os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
os.makedirs(HOME, exist_ok=True)
FSS = shlex.split(os.environ.get("FSS") or sys.exit("FSS is not set (run bench/run.sh)"))
ROUNDS = env_int("BENCH_ROUNDS", 20)


def log(msg):
    print("  " + msg, file=sys.stderr, flush=True)


def record(**row):
    with open(RESULTS, "a") as f:
        f.write(json.dumps(row) + "\n")


def sh(argv, cwd=None, env=None, stdin=None, check=True):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run(argv, cwd=cwd, env=e, input=stdin, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit("failed (%d): %s\n%s%s" % (r.returncode, " ".join(argv), r.stdout[-2000:], r.stderr[-2000:]))
    return r.stdout


def fss(args, store, cwd=None, stdin=None, extra_env=None):
    env = {"FSS_HOME": store}
    env.update(extra_env or {})
    return sh(FSS + args, cwd=cwd, env=env, stdin=stdin)


def fresh(path):
    """An empty directory (benchmarks may rerun in a kept BENCH_WORK)."""
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def check_hook_log(store):
    path = os.path.join(store, "log", "hook.log")
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path) as f:
            sys.exit("the hooks logged errors in %s (the timings would not be of a working hook):\n%s"
                     % (path, f.read()[-3000:]))


def sessions_in(store):
    """(path, json) of every stored session."""
    out = []
    root = os.path.join(store, "projects")
    for d in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        for n in sorted(os.listdir(os.path.join(root, d))):
            if n.endswith(".json") and not n.startswith("."):
                p = os.path.join(root, d, n)
                with open(p) as f:
                    out.append((p, json.load(f)))
    return out


def spool_lines(store):
    """Lines waiting in the launcher's spool (turn ends recorded without a JVM, not drained yet)."""
    n = 0
    d = os.path.join(store, "spool")
    for name in os.listdir(d) if os.path.isdir(d) else []:
        if name == "events" or (name.startswith("claimed-") and name.endswith(".events")):
            done = 0
            if name != "events" and os.path.exists(os.path.join(d, name[:-7] + ".done")):
                with open(os.path.join(d, name[:-7] + ".done")) as f:
                    done = int(f.readline().split()[0])
            with open(os.path.join(d, name), "rb") as f:
                f.seek(done)
                n += f.read().count(b"\n")
    return n


def drain(store, cwd):
    """A JVM run that reads sessions drains the spool: `fss list`."""
    fss(["list"], store, cwd=cwd)


def check_caught_up(store, sid, transcript_path):
    for _, s in sessions_in(store):
        if s["session_id"] == sid:
            off = (s.get("capture") or {}).get("offset")
            size = os.path.getsize(transcript_path)
            if off != size:
                sys.exit("session %s: capture offset %s but the transcript has %d bytes" % (sid, off, size))
            return s
    sys.exit("session %s is not in the store %s" % (sid, store))


# ---- fixtures

def git_repo(name, nfiles, modified=3, untracked=2):
    """A committed repo with nfiles files (in folders of 100), a few modified and untracked. Cached."""
    path = os.path.join(WORK, "repos", name)
    if os.path.exists(os.path.join(path, ".ready")):
        return path
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    t0 = time.time()
    log("creating %s: %d files" % (name, nfiles))
    rng = random.Random(nfiles)
    files = []
    for i in range(nfiles):
        d = os.path.join("src", "m%03d" % (i // 100))
        os.makedirs(os.path.join(path, d), exist_ok=True)
        rel = os.path.join(d, "f%05d.ts" % i)
        with open(os.path.join(path, rel), "w") as f:
            f.write("export const v%d = %d;\n// %s\n" % (i, i, "x" * rng.randint(20, 400)))
        files.append(rel)
    with open(os.path.join(path, ".gitignore"), "w") as f:
        f.write("node_modules/\n*.log\n.ready\n")
    git = ["git", "-c", "user.email=bench@example.com", "-c", "user.name=bench", "-c", "init.defaultBranch=main"]
    sh(git + ["init", "-q"], cwd=path)
    sh(git + ["add", "-A"], cwd=path)
    sh(git + ["commit", "-q", "-m", "initial"], cwd=path)
    for rel in rng.sample(files, modified):
        with open(os.path.join(path, rel), "a") as f:
            f.write("// changed\n")
    for i in range(untracked):
        with open(os.path.join(path, "src", "new%d.ts" % i), "w") as f:
            f.write("export {};\n")
    sh(["git", "status", "--porcelain"], cwd=path)  # refresh the index's stat cache, as any real repo has
    open(os.path.join(path, ".ready"), "w").close()
    log("  %s ready in %.1f s" % (name, time.time() - t0))
    return path


def claude_transcript(cwd, sid, config_dir=None):
    """Where Claude Code keeps a session's transcript: <config>/projects/<cwd, [^a-zA-Z0-9] -> '-'>/<id>.jsonl."""
    base = config_dir or os.path.join(HOME, ".claude")
    d = os.path.join(base, "projects", re.sub(r"[^a-zA-Z0-9]", "-", cwd))
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, sid + ".jsonl")


def event_file(name, **fields):
    d = os.path.join(WORK, "events")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name + ".json")
    base = {"permission_mode": "default"}
    base.update(fields)
    with open(path, "w") as f:
        json.dump(base, f)
    return path


def stop_event(name, sid, tpath, cwd, event="Stop", message="Done: the limiter is in and the tests pass.",
               jvm=False, **extra):
    """A hook event in Claude Code's member order (session_id first; shared/fixtures/real). With
    jvm=True the message comes first and holds an escaped quote, which the launcher leaves to the
    JVM: the same Stop through the JVM path, for comparison."""
    fields = {"session_id": sid, "transcript_path": tpath, "cwd": cwd, "hook_event_name": event}
    if event == "Stop":
        if jvm:
            message = 'Done: "quoted".'
            fields = dict([("last_assistant_message", message)] + list(fields.items()))
        fields.update(stop_hook_active=False, last_assistant_message=message)
    fields.update(extra)
    d = os.path.join(WORK, "events")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name + ".json")
    with open(path, "w") as f:
        json.dump(fields, f, separators=(",", ":"))
        f.write("\n")
    return path


def post_tool_event(name, sid, tpath, cwd):
    """A PostToolUse event for an Edit, as the original heartbeat received it (~2 KB)."""
    g = transcript.Gen(sid, cwd, seed=7)
    return event_file(name, session_id=sid, transcript_path=tpath, cwd=cwd, hook_event_name="PostToolUse",
                      tool_name="Edit", tool_use_id="toolu_01BenchEdit",
                      tool_input={"file_path": os.path.join(cwd, "src/m000/f00001.ts"),
                                  "old_string": g.code(300), "new_string": g.code(400)},
                      tool_response={"filePath": os.path.join(cwd, "src/m000/f00001.ts"),
                                     "oldString": g.code(300), "newString": g.code(400),
                                     "structuredPatch": [], "userModified": False, "replaceAll": False},
                      duration_ms=12)


def reference_session(cwd):
    """The original tool's active_<hash>.json for cwd, with three checkpoints (what the heartbeat reads)."""
    import hashlib
    d = os.path.join(HOME, ".claude", "sessions")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "active_%s.json" % hashlib.md5(cwd.encode()).hexdigest()[:8])
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    cps = []
    for i in range(3):
        cps.append({"timestamp": now, "summary": "Rate limiter scaffolded, step %d" % i,
                    "current_task": "Add the sliding window limiter to the login route",
                    "git_branch": "main", "git_recent_commits": ["abc1234 initial"],
                    "files": [{"path": "src/m000/f%05d.ts" % j, "last_modified": now, "role": "editing",
                               "note": ""} for j in range(8)],
                    "key_decisions": ["Sliding window", "Limit from LOGIN_RATE_LIMIT"],
                    "open_questions": ["Per IP or per account?"], "recent_commands": ["npm test"],
                    "log_refs": []})
    with open(path, "w") as f:
        json.dump({"session_id": "ref-" + uuid.uuid4().hex[:8], "tool": "claude-code", "working_dir": cwd,
                   "start_time": now, "last_active": now, "status": "active", "checkpoints": cps}, f, indent=2)
    return path


def append_cmd(tpath, turns=1, tools=3, big_every=0):
    return [PY, os.path.join(LIB, "transcript.py"), "append", tpath, "--turns", str(turns), "--tools", str(tools),
            "--big-every", str(big_every)]


def hook_session(store, cwd, name, turns=20, grow_to=0):
    """A Claude session known to fss: transcript written, SessionStart + Stop run (cursor at the end)."""
    sid = str(uuid.uuid5(uuid.NAMESPACE_URL, WORK + name))
    tpath = claude_transcript(cwd, sid)
    for p in (tpath, tpath + ".genstate"):
        if os.path.exists(p):
            os.remove(p)
    transcript.append(tpath, sid, cwd, turns=turns, tools=3, big_every=20)
    if grow_to:
        transcript.grow(tpath, sid, cwd, grow_to, tools=3, big_every=20)
    start = stop_event(name + "-start", sid, tpath, cwd, event="SessionStart", source="startup")
    stop = stop_event(name + "-stop", sid, tpath, cwd)
    with open(start) as f:
        fss(["hook", "claude"], store, cwd=cwd, stdin=f.read())
    t0 = time.time()
    with open(stop) as f:
        fss(["hook", "claude"], store, cwd=cwd, stdin=f.read())
    first = time.time() - t0
    drain(store, cwd)
    check_hook_log(store)
    check_caught_up(store, sid, tpath)
    return sid, tpath, stop, first


def fmt_ms(ms):
    return "%.0f ms" % ms if ms >= 100 else "%.1f ms" % ms


def fmt_ratio(r, target=None):
    """Two decimals, or three when two would round onto the target and hide which side it is."""
    if target is not None and round(r, 2) == target and r != target:
        return "%.3f×" % r
    return "%.2f×" % r


def verdict(ok):
    return "PASS" if ok else "MISS"


def measure_spec(commands, ratios=(), rounds=None, warmup=2):
    return {"rounds": rounds or ROUNDS, "warmup": warmup, "commands": commands, "ratios": list(ratios),
            "tmp": WORK}


# ---- 1. one Stop hook vs the reference heartbeat

def bench_hook():
    store = fresh(os.path.join(WORK, "store-hook"))
    small = git_repo("small", 50)
    nbig = env_int("BENCH_BIG_FILES", 50000)
    big = git_repo("files%d" % nbig, nbig, modified=5, untracked=3)
    cmds = []
    checks = []
    for label, repo in (("small", small), ("50k", big)):
        sid, tpath, stop, _ = hook_session(store, repo, "hook-" + label)
        reference_session(repo)
        post = post_tool_event("post-" + label, sid, tpath, repo)
        cmds.append({"name": "fss-" + label, "argv": FSS + ["hook", "claude"], "stdin": stop, "cwd": repo,
                     "env": {"FSS_HOME": store}, "prepare": append_cmd(tpath)})
        cmds.append({"name": "ref-" + label, "argv": [PY, REFERENCE], "stdin": post, "cwd": repo})
        checks.append((repo, sid, tpath))
        if label == "small":
            # the same Stop with a 4 KB final message (the launcher reads stdin a byte per syscall),
            # and through the JVM (an event the launcher leaves to it), for comparison
            long_stop = stop_event("hook-small-4k", sid, tpath, repo, message=transcript.Gen(sid, repo).words(600)[:4096])
            jvm_stop = stop_event("hook-small-jvm", sid, tpath, repo, jvm=True)
            cmds.append({"name": "fss-small-4k", "argv": FSS + ["hook", "claude"], "stdin": long_stop, "cwd": repo,
                         "env": {"FSS_HOME": store}, "prepare": append_cmd(tpath)})
            cmds.append({"name": "jvm-small", "argv": FSS + ["hook", "claude"], "stdin": jvm_stop, "cwd": repo,
                         "env": {"FSS_HOME": store}, "prepare": append_cmd(tpath)})
    # the timed Stop must take the launcher's JVM-free path: one run, one more spooled line
    before = spool_lines(store)
    with open(cmds[0]["stdin"]) as f:
        fss(["hook", "claude"], store, cwd=small, stdin=f.read())
    if spool_lines(store) != before + 1:
        sys.exit("the Stop hook was not spooled: the launcher did not take the JVM-free path")
    log("timing %d interleaved rounds: Stop hook vs reference heartbeat, small and 50k-file repos" % ROUNDS)
    res = measure.run(measure_spec(cmds, [("fss-small", "ref-small"), ("fss-50k", "ref-50k"),
                                          ("fss-small-4k", "ref-small"), ("jvm-small", "ref-small")]))
    check_hook_log(store)
    for repo, sid, tpath in checks:
        drain(store, repo)
        check_caught_up(store, sid, tpath)
    r = res["commands"]
    for label, target, title in (("small", 0.2, "Stop hook vs heartbeat, 50-file repo"),
                                 ("50k", 0.05, "Stop hook vs heartbeat, {:,}-file repo".format(nbig))):
        ratio = res["ratios"]["fss-%s/ref-%s" % (label, label)]
        f, p = r["fss-" + label], r["ref-" + label]
        record(id="1", name=title, ours=fmt_ms(f["wall_ms"]), ref=fmt_ms(p["wall_ms"]),
               ratio=fmt_ratio(ratio["wall"], target), target="≤ %g×" % target, verdict=verdict(ratio["wall"] <= target),
               detail="CPU %s vs %s (%.2f×); RSS %d vs %d MB; fss wall range %s–%s" % (
                   fmt_ms(f["cpu_ms"]), fmt_ms(p["cpu_ms"]), ratio["cpu"] or 0, f["rss_kb"] // 1024,
                   p["rss_kb"] // 1024, fmt_ms(f["wall_min_ms"]), fmt_ms(f["wall_max_ms"])))
    for name, title in (("fss-small-4k", "  … the Stop carrying a 4 KB final message"),
                        ("jvm-small", "  … the same Stop through the JVM (before the spool)")):
        ratio = res["ratios"]["%s/ref-small" % name]
        f, p = r[name], r["ref-small"]
        record(id="1i", name=title, ours=fmt_ms(f["wall_ms"]), ref=fmt_ms(p["wall_ms"]),
               ratio=fmt_ratio(ratio["wall"]), target="–", verdict="info",
               detail="CPU %s (%.2f× the reference's)" % (fmt_ms(f["cpu_ms"]), ratio["cpu"] or 0))
    hyperfine_crosscheck([c for c in cmds if c["name"] in ("fss-small", "ref-small", "fss-50k", "ref-50k")])


def hyperfine_crosscheck(cmds):
    """The same four commands through hyperfine (sequential, shell-corrected): a second opinion."""
    if os.environ.get("BENCH_HYPERFINE", "1") == "0" or not shutil.which("hyperfine"):
        return
    runs = max(10, ROUNDS // 2)
    args = ["hyperfine", "--style=basic", "--warmup", "2", "--runs", str(runs),
            "--export-json", os.path.join(WORK, "hyperfine-hook.json")]
    for c in cmds:
        cd = "cd %s && " % shlex.quote(c["cwd"])
        envs = " ".join("%s=%s" % (k, shlex.quote(v)) for k, v in (c.get("env") or {}).items())
        cmd = "%s%s %s < %s" % (cd, envs, " ".join(shlex.quote(a) for a in c["argv"]), shlex.quote(c["stdin"]))
        prep = " ".join(shlex.quote(a) for a in c["prepare"]) if c.get("prepare") else "true"
        args += ["--prepare", prep, "-n", c["name"], cmd]
    log("cross-check: hyperfine, %d sequential runs each (--prepare appends the turn)" % runs)
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        log("hyperfine failed: " + r.stderr[-500:])
        return
    with open(os.path.join(WORK, "hyperfine-hook.json")) as f:
        data = json.load(f)
    med = {x["command"]: x["median"] * 1000 for x in data["results"]}
    for label, target in (("small", 0.2), ("50k", 0.05)):
        a, b = med["fss-" + label], med["ref-" + label]
        record(id="1h", name="  hyperfine cross-check, %s" % label, ours=fmt_ms(a), ref=fmt_ms(b),
               ratio=fmt_ratio(a / b, target), target="≤ %g×" % target, verdict="info",
               detail="sequential runs, not interleaved: ratios move with the machine's load")


# ---- 2. a whole session's capture CPU vs one heartbeat per Write/Edit/Bash

def bench_session():
    repo = git_repo("small", 50)
    rounds = env_int("BENCH_SESSION_ROUNDS", 3)
    turns, per_turn = 20, 10
    reference_session(repo)
    totals = {"fss": [], "ref": []}
    spawns = {"fss": 0, "ref": 0}
    log("replaying a %d-turn, %d-call session %d times each way (interleaved)" % (turns, turns * per_turn, rounds))
    for r in range(rounds):
        for side in (("fss", "ref") if r % 2 == 0 else ("ref", "fss")):
            sid = str(uuid.uuid4())
            tpath = claude_transcript(repo, sid)
            store = fresh(os.path.join(WORK, "store-session-%d-%s" % (r, side)))
            g = transcript.Gen(sid, repo, seed=100 + r)
            plan = [g.next_turn(per_turn, 20) for _ in range(turns)]
            counted = sum(1 for t in plan for _, c in t if c)
            assert counted == turns * per_turn, counted
            cpu = wall = 0.0
            n = 0

            def run(argv, stdin):
                nonlocal cpu, wall, n
                w, c, _, rc = measure.spawn(argv, stdin, {"FSS_HOME": store}, repo)
                if rc != 0:
                    sys.exit("%s exited %d" % (argv, rc))
                cpu += c
                wall += w
                n += 1

            if side == "fss":
                start = stop_event("s-start", sid, tpath, repo, event="SessionStart", source="startup")
                stop = stop_event("s-stop", sid, tpath, repo)
                end = stop_event("s-end", sid, tpath, repo, event="SessionEnd", reason="prompt_input_exit")
                run(FSS + ["hook", "claude"], start)
                with open(tpath, "a") as f:
                    for turn in plan:
                        f.write("".join(transcript.dumps(l) for l, _ in turn))
                        f.flush()
                        run(FSS + ["hook", "claude"], stop)
                if spool_lines(store) != turns:
                    sys.exit("expected %d spooled Stops, found %d" % (turns, spool_lines(store)))
                run(FSS + ["hook", "claude"], end)
                check_hook_log(store)
                s = check_caught_up(store, sid, tpath)
                if s.get("status") != "ended":
                    sys.exit("the replayed session did not end cleanly: " + str(s.get("status")))
            else:
                post = post_tool_event("s-post", sid, tpath, repo)
                with open(tpath, "a") as f:
                    for turn in plan:
                        for line, is_call in turn:
                            f.write(transcript.dumps(line))
                            if is_call:
                                f.flush()
                                run([PY, REFERENCE], post)
            totals[side].append((cpu, wall))
            spawns[side] = n
            os.remove(tpath)
        log("  round %d/%d: fss %.2f s CPU, reference %.2f s CPU" % (r + 1, rounds, totals["fss"][-1][0],
                                                                     totals["ref"][-1][0]))
    ratio = statistics.median(a[0] / b[0] for a, b in zip(totals["fss"], totals["ref"]))
    f = statistics.median(x[0] for x in totals["fss"])
    p = statistics.median(x[0] for x in totals["ref"])
    record(id="2", name="Whole-session CPU, 200 calls in 20 turns", ours="%.2f s" % f, ref="%.2f s" % p,
           ratio=fmt_ratio(ratio, 0.05), target="≤ 0.05×", verdict=verdict(ratio <= 0.05),
           detail="%d fss hooks (20 Stops spooled, SessionEnd drains them) vs %d heartbeats; wall %.2f s vs %.2f s; CPU per run %s vs %s" % (
               spawns["fss"], spawns["ref"], statistics.median(x[1] for x in totals["fss"]),
               statistics.median(x[1] for x in totals["ref"]), fmt_ms(f * 1000 / spawns["fss"]),
               fmt_ms(p * 1000 / spawns["ref"])))


# ---- 3. a capture at 200 MB vs at 100 KB

def bench_growth():
    store = fresh(os.path.join(WORK, "store-growth"))
    repo = git_repo("small", 50)
    big_mb = env_int("BENCH_BIG_MB", 200)
    log("writing a 100 KB and a %d MB transcript" % big_mb)
    sid_s, t_s, stop_s, _ = hook_session(store, repo, "growth-small", turns=1, grow_to=100 * 1024)
    sid_b, t_b, stop_b, first = hook_session(store, repo, "growth-big", turns=1, grow_to=big_mb * 1024 * 1024)
    size_b = os.path.getsize(t_b)
    cmds = [{"name": "at-100k", "argv": FSS + ["hook", "claude"], "stdin": stop_s, "cwd": repo,
             "env": {"FSS_HOME": store}, "prepare": append_cmd(t_s)},
            {"name": "at-big", "argv": FSS + ["hook", "claude"], "stdin": stop_b, "cwd": repo,
             "env": {"FSS_HOME": store}, "prepare": append_cmd(t_b)}]
    log("timing %d interleaved rounds: Stop hook at %d KB vs at %d MB" % (ROUNDS, os.path.getsize(t_s) // 1024,
                                                                         size_b >> 20))
    res = measure.run(measure_spec(cmds, [("at-big", "at-100k")]))
    check_hook_log(store)
    check_caught_up(store, sid_s, t_s)
    check_caught_up(store, sid_b, t_b)
    ratio = res["ratios"]["at-big/at-100k"]["wall"]
    r = res["commands"]
    record(id="3", name="Stop hook at %d MB vs at 100 KB" % (size_b >> 20), ours=fmt_ms(r["at-big"]["wall_ms"]),
           ref=fmt_ms(r["at-100k"]["wall_ms"]), ratio=fmt_ratio(ratio, 1.1), target="≤ 1.1×",
           verdict=verdict(ratio <= 1.1),
           detail="'ref' column = the same capture at 100 KB; priming read of the whole %d MB: %.1f s (%.0f MB/s, "
                  "not the target)" % (size_b >> 20, first, (size_b >> 20) / first))
    os.remove(t_b)


# ---- 4. SessionStart with 20 sessions to refresh

def bench_start():
    store = fresh(os.path.join(WORK, "store-start"))
    repo = git_repo("start", 20)
    n = env_int("BENCH_START_SESSIONS", 20)
    config = fresh(os.path.join(WORK, "claude-start"))
    paths = []
    for i in range(n):
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, WORK + "start%d" % i))
        p = claude_transcript(repo, sid, config)
        g = transcript.Gen(sid, repo, seed=200 + i, start=time.time() - 7200 + i * 60)
        with open(p, "w") as f:
            for _ in range(5):
                f.write("".join(transcript.dumps(l) for l, _ in g.next_turn(3, 20)))
        g.save(p)
        paths.append(p)
    # priming all 20 cursors in one process: fss import reads each transcript to its end
    fss(["import", "claude", "--days", "1"], store, cwd=repo, extra_env={"CLAUDE_CONFIG_DIR": config})
    ids = [s["session_id"] for _, s in sessions_in(store)]
    if len(ids) != n:
        sys.exit("expected %d primed sessions, found %d" % (n, len(ids)))
    self_id = str(uuid.uuid5(uuid.NAMESPACE_URL, WORK + "start-self"))
    start = stop_event("start-start", self_id, claude_transcript(repo, self_id, config), repo,
                       event="SessionStart", source="startup")
    # before each run every session gains a turn and its Stop hook spools it (the launcher, no JVM)
    stops = [stop_event("start-stop%d" % i, os.path.basename(p)[:-6], p, repo) for i, p in enumerate(paths)]
    script = " ".join(shlex.quote(a) for a in [PY, os.path.join(LIB, "transcript.py"), "append", "--tools", "1",
                                              "--big-every", "0"] + paths)
    for s in stops:
        script += " && %s hook claude < %s" % (" ".join(shlex.quote(a) for a in FSS), shlex.quote(s))
    prep = ["/bin/sh", "-c", script]
    cmds = [{"name": "refresh-20", "argv": FSS + ["hook", "claude"], "stdin": start, "cwd": repo,
             "env": {"FSS_HOME": store}, "prepare": prep},
            {"name": "refresh-0", "argv": FSS + ["hook", "claude"], "stdin": start, "cwd": repo,
             "env": {"FSS_HOME": store}}]
    log("timing %d interleaved rounds: SessionStart with %d sessions to refresh (and with none)" % (ROUNDS, n))
    res = measure.run(measure_spec(cmds))
    check_hook_log(store)
    # SessionStart drains the sessions it shows; `fss list` drains the rest and reads any tail
    fss(["list"], store, cwd=repo)
    if spool_lines(store) != 0:
        sys.exit("fss list left %d spooled turns undrained" % spool_lines(store))
    for p in paths:
        check_caught_up(store, os.path.basename(p)[:-6], p)
    with open(os.path.join(WORK, "measure-refresh-20.out")) as f:
        if "hookSpecificOutput" not in f.read():
            sys.exit("SessionStart printed no restore offer")
    r = res["commands"]
    added = os.path.getsize(paths[0])
    record(id="4", name="SessionStart, %d sessions to refresh" % n, ours=fmt_ms(r["refresh-20"]["wall_ms"]),
           ref="–", ratio="–", target="≤ 100 ms", verdict=verdict(r["refresh-20"]["wall_ms"] <= 100),
           detail="each gains one turn (~8 KB) and spools its Stop before each run; SessionStart drains the 3 it shows of the %d (the rest wait for the next run); CPU %s; the same start with nothing to refresh: %s" % (n, 
               fmt_ms(r["refresh-20"]["cpu_ms"]), fmt_ms(r["refresh-0"]["wall_ms"])))
    record(id="4b", name="  SessionStart, same store, nothing to refresh", ours=fmt_ms(r["refresh-0"]["wall_ms"]),
           ref="–", ratio="–", target="–", verdict="info", detail="")


# ---- 4c. draining 1,000 spooled turns

def bench_drain():
    """50 sessions × 20 turns spooled (their Stop hooks ran through the launcher), then one JVM run
    that reads sessions (`fss list`) drains them all: timed against the same run with nothing spooled."""
    repo = git_repo("drain", 20)
    nsess, nturns = env_int("BENCH_DRAIN_SESSIONS", 50), env_int("BENCH_DRAIN_TURNS", 20)
    pristine = fresh(os.path.join(WORK, "store-drain-pristine"))
    config = fresh(os.path.join(WORK, "claude-drain"))
    log("writing %d sessions × %d turns and spooling their %d Stops through the launcher" % (nsess, nturns,
                                                                                            nsess * nturns))
    lines = []
    for i in range(nsess):
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, WORK + "drain%d" % i))
        p = claude_transcript(repo, sid, config)
        g = transcript.Gen(sid, repo, seed=300 + i, start=time.time() - 7200 + i)
        with open(p, "w") as f:
            for _ in range(nturns):
                f.write("".join(transcript.dumps(l) for l, _ in g.next_turn(3, 0)))
        if i < nsess // 2:  # half the sessions started under fss (SessionStart ran), half only ever spooled
            with open(stop_event("drain-start%d" % i, sid, p, repo, event="SessionStart", source="startup")) as f:
                fss(["hook", "claude"], pristine, cwd=repo, stdin=f.read())
        lines.append((sid, p))
    stop = {}
    for t in range(nturns):
        for sid, p in lines:
            if sid not in stop:
                stop[sid] = stop_event("drain-" + sid, sid, p, repo)
            with open(stop[sid]) as f:
                fss(["hook", "claude"], pristine, cwd=repo, stdin=f.read())
    if spool_lines(pristine) != nsess * nturns:
        sys.exit("expected %d spooled turns, found %d" % (nsess * nturns, spool_lines(pristine)))
    work = os.path.join(WORK, "store-drain")
    restore = ["/bin/sh", "-c", "rm -rf %s && cp -a %s %s" % (shlex.quote(work), shlex.quote(pristine), shlex.quote(work))]
    empty = os.path.join(WORK, "store-drain-empty")
    sh(restore[:2] + ["rm -rf %s && cp -a %s %s && %s list >/dev/null" % (
        shlex.quote(empty), shlex.quote(pristine), shlex.quote(empty), " ".join(shlex.quote(a) for a in FSS))],
       cwd=repo, env={"FSS_HOME": empty})
    rounds = env_int("BENCH_DRAIN_ROUNDS", 5)
    cmds = [{"name": "drain-1000", "argv": FSS + ["list"], "cwd": repo, "env": {"FSS_HOME": work}, "prepare": restore},
            {"name": "drain-none", "argv": FSS + ["list"], "cwd": repo, "env": {"FSS_HOME": empty}}]
    log("timing %d interleaved rounds: fss list draining %d turns, and with nothing spooled" % (rounds, nsess * nturns))
    res = measure.run(measure_spec(cmds, rounds=rounds, warmup=1))
    if spool_lines(work) != 0:
        sys.exit("fss list left %d spooled turns" % spool_lines(work))
    check_hook_log(work)
    for sid, p in lines:
        s = check_caught_up(work, sid, p)
        if (s.get("capture") or {}).get("turns") != nturns or len(s.get("checkpoints") or []) != 1:
            sys.exit("session %s: %s turns, %d checkpoints" % (sid, (s.get("capture") or {}).get("turns"),
                                                               len(s.get("checkpoints") or [])))
    r = res["commands"]
    d = r["drain-1000"]["wall_ms"]
    record(id="4c", name="Draining %d spooled turns (%d sessions)" % (nsess * nturns, nsess), ours=fmt_ms(d),
           ref="–", ratio="–", target="≤ 1 s", verdict=verdict(d <= 1000),
           detail="`fss list` that drains them (half the sessions created by the drain), CPU %s; the same list with "
                  "nothing spooled: %s" % (fmt_ms(r["drain-1000"]["cpu_ms"]), fmt_ms(r["drain-none"]["wall_ms"])))


# ---- spool stress (only when named): concurrent appends and killed drains, at full size

def bench_spool():
    """8 processes × 500 Stops through the launcher at once: no torn or lost line; then 100 drains
    SIGKILLed at random moments while turns keep being spooled: every turn checkpointed once."""
    import signal
    repo = git_repo("spool", 5)
    store = fresh(os.path.join(WORK, "store-spool"))
    procs, each = env_int("BENCH_SPOOL_PROCS", 8), env_int("BENCH_SPOOL_LINES", 500)
    fss(["list"], store, cwd=repo)  # makes the spool folder
    long_dir = "/w/" + "d" * 1500
    script = ('i=0; while [ $i -lt %d ]; do printf \'{"session_id":"p%%s-%%s","transcript_path":"%%s/t.jsonl",'
              '"cwd":"%%s","hook_event_name":"Stop"}\\n\' "$1" $i "$2" "$2" | "$3" hook claude || exit 1; '
              'i=$((i + 1)); done' % each)
    log("%d processes × %d Stops through the launcher at once (lines of ~3.1 KB)" % (procs, each))
    t0 = time.time()
    ps = [subprocess.Popen(["/bin/sh", "-c", script, "sh", str(p), long_dir + str(p), FSS[0]],
                           env=dict(os.environ, FSS_HOME=store)) for p in range(procs)]
    if any(p.wait() != 0 for p in ps):
        sys.exit("an appender failed")
    wall = time.time() - t0
    with open(os.path.join(store, "spool", "events"), "rb") as f:
        got = f.read().split(b"\n")[:-1]
    seen = set()
    for l in got:
        f = l.split(b"\t")
        if len(f) != 7 or f[0] != b"fss1" or f[3] != b"Stop" or not f[6].startswith(long_dir.encode()):
            sys.exit("torn line: %r" % l[:100])
        seen.add(f[4])
    ok = len(got) == procs * each and len(seen) == procs * each
    record(id="S1", name="%d × %d concurrent spooled Stops" % (procs, each), ours="%d intact" % len(seen),
           ref="–", ratio="–", target="%d, none torn" % (procs * each), verdict=verdict(ok),
           detail="%.1f s wall for %d launcher runs on 2 cores" % (wall, procs * each))

    # killed drains
    store = fresh(os.path.join(WORK, "store-spool-kill"))
    fss(["list"], store, cwd=repo)
    nsess, kills = env_int("BENCH_SPOOL_SESSIONS", 30), env_int("BENCH_SPOOL_KILLS", 100)
    rnd = random.Random(env_int("BENCH_SEED", 1))
    sessions = []
    for i in range(nsess):
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, WORK + "kill%d" % i))
        p = claude_transcript(repo, sid)
        for q in (p, p + ".genstate"):
            if os.path.exists(q):
                os.remove(q)
        sessions.append((sid, p, stop_event("kill-" + sid, sid, p, repo)))
    turns = 0

    def new_turn():
        for sid, p, stop in sessions:
            transcript.append(p, sid, repo, turns=1, tools=2, big_every=0)
            with open(stop) as f:
                fss(["hook", "claude"], store, cwd=repo, stdin=f.read())

    def mid_drain():
        """Whether a killed drain left a claimed file half done (the kill landed inside the drain)."""
        d = os.path.join(store, "spool")
        for name in os.listdir(d):
            if name.startswith("claimed-") and name.endswith(".events"):
                done = os.path.join(d, name[:-7] + ".done")
                head = open(done).readline().split() if os.path.exists(done) else []
                if len(head) == 2 or (head and int(head[0]) < os.path.getsize(os.path.join(d, name))) or not head:
                    return True
        return False

    # how long one whole drain of a turn of every session takes, so the kills spread over it
    new_turn()
    turns += 1
    t0 = time.time()
    drain(store, repo)
    whole = time.time() - t0
    log("%d drains (fss list, %.2f s unkilled) SIGKILLed at random moments while %d sessions keep spooling turns"
        % (kills, whole, nsess))
    inside = 0
    for k in range(kills):
        if k % 10 == 0:  # a new turn for every session every 10 kills
            new_turn()
            turns += 1
        p = subprocess.Popen(FSS + ["list"], cwd=repo, env=dict(os.environ, FSS_HOME=store),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.0, whole * 1.1))
        p.send_signal(signal.SIGKILL)
        p.wait()
        inside += mid_drain()
    drain(store, repo)
    check_hook_log(store)
    bad = []
    for sid, p, _ in sessions:
        s = check_caught_up(store, sid, p)
        cap = s.get("capture") or {}
        if cap.get("turns") != turns or len(s.get("checkpoints") or []) != 1:
            bad.append("%s: %s turns, %d checkpoints" % (sid, cap.get("turns"), len(s.get("checkpoints") or [])))
    record(id="S2", name="Drains SIGKILLed at %d random moments" % kills, ours="%d/%d sessions exact" % (
        nsess - len(bad), nsess), ref="–", ratio="–", target="every turn once", verdict=verdict(not bad),
           detail="kills spread over a whole drain's %.2f s; %d left a claimed file half done (killed inside "
                  "the drain); %d turns each; every cursor at its transcript's end, one checkpoint each%s" % (
               whole, inside, turns, ("; " + "; ".join(bad[:3])) if bad else ""))


# ---- 5. list / restore / dashboard on 1,000 sessions

def bench_store():
    store = fresh(os.path.join(WORK, "store-1000"))
    total = env_int("BENCH_STORE_SESSIONS", 1000)
    nproj = env_int("BENCH_STORE_PROJECTS", 50)
    in_list = env_int("BENCH_LIST_SESSIONS", 40)
    base = fresh(os.path.join(WORK, "projects"))
    fresh(os.path.join(WORK, "store-transcripts"))
    log("building a store of %d sessions in %d projects (%d in the listed one)" % (total, nproj, in_list))
    t0 = time.time()
    dirs = []
    for i in range(nproj):
        d = os.path.join(base, "app-%02d" % i)
        os.makedirs(d, exist_ok=True)
        sh(["git", "init", "-q", d])
        dirs.append(d)
    # the template: a session made by the real hooks (3 Stops, a manual save in between), so the
    # stored shape is whatever this build of fss writes
    sid, tpath, stop, _ = hook_session(store, dirs[0], "store-template", turns=10)
    for i in range(3):
        transcript.append(tpath, sid, dirs[0], turns=3, tools=3, big_every=20)
        if i == 1:
            fss(["save", "--action", "checkpoint", "--working-dir", dirs[0], "--tool", "claude-code",
                 "--summary", "Limiter in place; tests for 429 pending",
                 "--current-task", "Cover 429 + Retry-After in tests",
                 "--files", "src/auth/limiter.ts:editing,src/auth/routes.ts:editing,test/login.test.ts:created",
                 "--decisions", "Sliding window;Limit from LOGIN_RATE_LIMIT;Retry-After in seconds",
                 "--open-questions", "Per IP or per account?;Redis later?", "--commands", "npm test"],
                store, cwd=dirs[0], extra_env={"FSS_SESSION_ID": sid})
        with open(stop) as f:
            fss(["hook", "claude"], store, cwd=dirs[0], stdin=f.read())
    check_hook_log(store)
    (tpl_path, template), = [x for x in sessions_in(store) if x[1]["session_id"] == sid]
    # each other project gets one real manual session (fss save makes its folder and key)
    for d in dirs[1:]:
        fss(["save", "--action", "checkpoint", "--working-dir", d, "--tool", "codex", "--summary", "started",
             "--current-task", "set up"], store, cwd=d)
    keys = {}
    for p, s in sessions_in(store):
        keys[s["project_root"]] = os.path.dirname(p)
    roots = [os.path.realpath(d) for d in dirs]
    missing = [r for r in roots if r not in keys]
    if missing:
        sys.exit("no store folder for " + ", ".join(missing))
    have = len(sessions_in(store))
    rng = random.Random(5)
    counts = [in_list] + [0] * (nproj - 1)
    for i in range(total - in_list - have + 1):
        counts[1 + i % (nproj - 1)] += 1
    counts[0] -= 1  # the template is already there
    tx = os.path.join(WORK, "store-transcripts")
    os.makedirs(tx, exist_ok=True)
    now = time.time()
    for pi, (root, n) in enumerate(zip(roots, counts)):
        for k in range(n):
            s = json.loads(json.dumps(template))
            new = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            age = rng.uniform(8, 10) * 86400 if rng.random() < 0.1 else rng.uniform(60, 6 * 86400)
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - age))
            s.update(session_id=new, working_dir=root, project_root=root, start_time=stamp, last_active=stamp,
                     status=rng.choice(["active", "active", "ended", "ended", "transferred"]))
            cps = s["checkpoints"]
            want = min(10, 1 + int(rng.expovariate(1 / 2.5)))  # mostly 1-3: autos replace autos
            del cps[:max(0, len(cps) - want)]
            while len(cps) < want:
                cps.insert(0, json.loads(json.dumps(cps[0])))
            for c in cps:
                c["timestamp"] = stamp
            cap = s.get("capture")
            if cap:
                t = os.path.join(tx, new + ".jsonl")
                with open(t, "w") as f:
                    f.write('{"type":"summary","summary":"x"}\n')
                cap.update(transcript_path=t, offset=os.path.getsize(t), cwd=root)
            path = os.path.join(keys[root], new + ".json")
            with open(path, "w") as f:
                json.dump(s, f, separators=(",", ":"), ensure_ascii=False)  # as fss writes them
            os.chmod(path, 0o600)
    all_s = sessions_in(store)
    size = sum(os.path.getsize(p) for p, _ in all_s)
    listed = [s for _, s in all_s if s["project_root"] == roots[0]]
    other = next(s for _, s in all_s if s["project_root"] == roots[7])
    log("  %d sessions, %.1f MB, template %d KB with %d checkpoints, built in %.0f s" % (
        len(all_s), size / 1e6, os.path.getsize(tpl_path) // 1024, len(template["checkpoints"]), time.time() - t0))
    env = {"FSS_HOME": store}
    cmds = [{"name": "list", "argv": FSS + ["list"], "cwd": dirs[0], "env": env},
            {"name": "restore", "argv": FSS + ["restore"], "cwd": dirs[0], "env": env},
            {"name": "restore-id", "argv": FSS + ["restore", other["session_id"][:8]], "cwd": dirs[0], "env": env},
            {"name": "dashboard", "argv": FSS + ["dashboard"], "cwd": dirs[0], "env": env}]
    log("timing %d interleaved rounds: list, restore, restore <id>, dashboard" % ROUNDS)
    res = measure.run(measure_spec(cmds))
    with open(os.path.join(WORK, "measure-list.out")) as f:
        if "Recoverable sessions" not in f.read():
            sys.exit("fss list found no sessions")
    r = res["commands"]
    note = "%d sessions (%.1f MB) in %d projects, %d in the listed one" % (len(all_s), size / 1e6, nproj, len(listed))
    for name, title, target in (("list", "fss list (project of %d)" % len(listed), 150),
                                ("restore", "fss restore (latest of the project)", 150),
                                ("restore-id", "fss restore <id prefix> (other project)", 150),
                                ("dashboard", "fss dashboard (all %d)" % len(all_s), 400)):
        record(id="5", name=title, ours=fmt_ms(r[name]["wall_ms"]), ref="–", ratio="–", target="≤ %d ms" % target,
               verdict=verdict(r[name]["wall_ms"] <= target),
               detail="CPU %s; %s" % (fmt_ms(r[name]["cpu_ms"]), note))


# ---- 6. import 1 GB; heap and hook RSS

def bench_import():
    mb = env_int("BENCH_IMPORT_MB", 1024)
    files = env_int("BENCH_IMPORT_FILES", 100)
    rounds = env_int("BENCH_IMPORT_ROUNDS", 3)
    config = fresh(os.path.join(WORK, "claude-import"))
    repo = git_repo("small", 50)
    each = mb * 1024 * 1024 // files
    nbase = min(10, files)
    log("writing %d transcripts of %.1f MB (%d MB) under %s" % (files, each / 1048576, mb, config))
    t0 = time.time()
    bases = []
    for b in range(nbase):
        cwd = os.path.join(WORK, "import-projects", "svc-%d" % b)
        os.makedirs(cwd, exist_ok=True)
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, WORK + "import-base%d" % b))
        p = os.path.join(WORK, "import-base-%d.jsonl" % b)
        if os.path.exists(p):
            os.remove(p)
        g = transcript.Gen(sid, cwd, seed=300 + b)
        g.clock = time.time() - 86400
        g.save(p)
        transcript.grow(p, sid, cwd, each, tools=3, big_every=20)
        bases.append((cwd, p))
    total = 0
    for i in range(files):
        cwd, p = bases[i % nbase]
        dst = claude_transcript(cwd, str(uuid.uuid5(uuid.NAMESPACE_URL, WORK + "import%d" % i)), config)
        shutil.copyfile(p, dst)
        total += os.path.getsize(dst)
    for _, p in bases:
        os.remove(p)
        os.remove(p + ".genstate")
    log("  written in %.0f s" % (time.time() - t0))
    store = fresh(os.path.join(WORK, "store-import"))
    env = {"FSS_HOME": store, "CLAUDE_CONFIG_DIR": config, "JAVA_TOOL_OPTIONS": "-Xmx256m"}
    cmds = [{"name": "import", "argv": FSS + ["import", "claude"], "cwd": repo, "env": env,
             "prepare": ["rm", "-rf", store]}]
    jar = os.environ.get("BENCH_JAR")
    if jar:
        # the same import with the JVM's default tiers (C2): the launcher caps every verb at C1
        store2 = store + "-c2"
        cmds.append({"name": "import-c2", "argv": ["java", "-Xmx256m", "-XX:-UsePerfData", "-jar", jar, "import",
                                                   "claude"], "cwd": repo,
                     "env": dict(env, FSS_HOME=store2, JAVA_TOOL_OPTIONS=""), "prepare": ["rm", "-rf", store2]})
    log("timing %d fresh imports of %d MB with -Xmx256m%s" % (rounds, total >> 20, " (and with C2)" if jar else ""))
    res = measure.run(measure_spec(cmds, rounds=rounds, warmup=0))
    with open(os.path.join(WORK, "measure-import.out")) as f:
        out = f.read()
    m = re.search(r"(\d+) imported", out)
    imported = int(m.group(1)) if m else 0
    r = res["commands"]["import"]
    mbps = (total / 1048576) / (r["wall_ms"] / 1000)
    record(id="6", name="fss import claude, %d MB in %d files" % (total >> 20, files), ours="%.0f MB/s" % mbps,
           ref="–", ratio="–", target="≥ 150 MB/s", verdict=verdict(mbps >= 150 and imported == files),
           detail="wall %.1f s, CPU %.1f s, peak RSS %d MB; %d of %d imported" % (
               r["wall_ms"] / 1000, r["cpu_ms"] / 1000, r["rss_kb"] // 1024, imported, files))
    record(id="6", name="  … with -Xmx256m", ours="%d imported" % imported, ref="–", ratio="–",
           target="exit 0, all", verdict=verdict(imported == files),
           detail="JAVA_TOOL_OPTIONS=-Xmx256m; RSS %d MB" % (r["rss_kb"] // 1024))
    if jar:
        r2 = res["commands"]["import-c2"]
        record(id="6", name="  … same import, java -jar with C2", ours="%.0f MB/s" % (
            (total / 1048576) / (r2["wall_ms"] / 1000)), ref="–", ratio="–", target="–", verdict="info",
               detail="java -Xmx256m -jar fss.jar: wall %.1f s, CPU %.1f s, RSS %d MB" % (
                   r2["wall_ms"] / 1000, r2["cpu_ms"] / 1000, r2["rss_kb"] // 1024))
        shutil.rmtree(store2, ignore_errors=True)
    shutil.rmtree(config, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    hook_rss(repo)


def hook_rss(repo):
    """Peak RSS of a Stop hook, by /usr/bin/time -f %M, for a normal turn and a turn of big results."""
    store = fresh(os.path.join(WORK, "store-rss"))
    sid, tpath, stop, _ = hook_session(store, repo, "rss")
    rows = []
    runs = max(5, ROUNDS // 2)
    for label, big in (("normal turn", 0), ("turn of ~0.7 MB results", 1)):
        samples = []
        for _ in range(runs):
            sh(append_cmd(tpath, big_every=big))
            with open(stop) as f:
                r = subprocess.run(["/usr/bin/time", "-f", "%M"] + FSS + ["hook", "claude"], stdin=f,
                                   capture_output=True, text=True, cwd=repo,
                                   env=dict(os.environ, FSS_HOME=store))
            samples.append(int(r.stderr.strip().splitlines()[-1]))
        rows.append((label, statistics.median(samples), max(samples)))
    check_hook_log(store)
    check_caught_up(store, sid, tpath)
    for i, (label, med, mx) in enumerate(rows):
        record(id="6", name=("Stop hook peak RSS, " if i == 0 else "  … RSS, ") + label,
               ours="%.0f MB" % (med / 1024), ref="–", ratio="–", target="≤ 80 MB",
               verdict=verdict(med <= 80 * 1024) if i == 0 else "info",
               detail="/usr/bin/time -f %%M, median of %d, max %.0f MB" % (runs, mx / 1024))


# ---- launchers: the same commands through plain / AppCDS / AOT wrappers, side by side

def bench_launchers():
    found = [(m, os.environ.get("BENCH_LAUNCHER_" + m.upper())) for m in ("plain", "cds17", "aot25")]
    found = [(m, p) for m, p in found if p]
    if not found:
        sys.exit("no launchers to compare (run.sh makes them when the jar is built here)")
    store = fresh(os.path.join(WORK, "store-launchers"))
    repo = git_repo("small", 50)
    sid, tpath, stop, _ = hook_session(store, repo, "launchers")
    reference_session(repo)
    post = post_tool_event("post-launchers", sid, tpath, repo)
    env = {"FSS_HOME": store}
    cmds = [{"name": "ref", "argv": [PY, REFERENCE], "stdin": post, "cwd": repo}]
    for m, p in found:
        cmds.append({"name": m + "-version", "argv": [p, "--version"], "cwd": repo, "env": env})
        cmds.append({"name": m + "-stop", "argv": [p, "hook", "claude"], "stdin": stop, "cwd": repo, "env": env,
                     "prepare": append_cmd(tpath)})
        cmds.append({"name": m + "-restore", "argv": [p, "restore", sid], "cwd": repo, "env": env})
    log("timing %d interleaved rounds: --version, Stop hook, restore through %s" % (
        ROUNDS, ", ".join(m for m, _ in found)))
    res = measure.run(measure_spec(cmds, [(m + "-stop", "ref") for m, _ in found]))
    check_hook_log(store)
    check_caught_up(store, sid, tpath)
    r = res["commands"]
    for m, _ in found:
        ratio = res["ratios"][m + "-stop/ref"]
        record(id="L", name="launcher %s: Stop hook (small repo)" % m, ours=fmt_ms(r[m + "-stop"]["wall_ms"]),
               ref=fmt_ms(r["ref"]["wall_ms"]), ratio=fmt_ratio(ratio["wall"], 1.0), target="≤ 1.0×", verdict="info",
               detail="CPU %s (%.2f× the reference's %s); fss --version %s; fss restore %s" % (
                   fmt_ms(r[m + "-stop"]["cpu_ms"]), ratio["cpu"] or 0, fmt_ms(r["ref"]["cpu_ms"]),
                   fmt_ms(r[m + "-version"]["wall_ms"]), fmt_ms(r[m + "-restore"]["wall_ms"])))


# ---- the table

def report(md_path=None):
    rows = []
    if os.path.exists(RESULTS):
        with open(RESULTS) as f:
            rows = [json.loads(l) for l in f if l.strip()]
    if not rows:
        print("no results")
        return
    cols = ("name", "ours", "ref", "ratio", "target", "verdict")
    heads = ("benchmark", "fss (median)", "reference (median)", "ratio", "target", "")
    w = [max(len(h), *(len(str(r[c])) for r in rows)) for c, h in zip(cols, heads)]
    line = "  ".join(h.ljust(x) for h, x in zip(heads, w))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(str(r[c]).ljust(x) for c, x in zip(cols, w)))
    print()
    for r in rows:
        if r.get("detail"):
            print("%-2s %s: %s" % (r["id"], r["name"].strip(" …"), r["detail"]))
    if md_path:
        with open(md_path, "w") as f:
            f.write("| # | benchmark | fss (median) | reference (median) | ratio | target | result |\n")
            f.write("|---|---|---|---|---|---|---|\n")
            for r in rows:
                f.write("| %s | %s | %s | %s | %s | %s | %s |\n" % (
                    r["id"], r["name"].strip(), r["ours"], r["ref"], r["ratio"], r["target"],
                    "**%s**" % r["verdict"] if r["verdict"] == "MISS" else r["verdict"]))


# ---- training run for a start-up archive (BENCH_LAUNCHER=cds17|aot25)

def train(mode):
    """Runs the common paths once through $FSS (the training launcher) in a scratch store."""
    store = fresh(os.path.join(WORK, "store-train"))
    repo = git_repo("small", 50)
    sid, tpath, stop, _ = hook_session(store, repo, "train")
    transcript.append(tpath, sid, repo, turns=1)
    with open(stop) as f:
        fss(["hook", "claude"], store, cwd=repo, stdin=f.read())
    if mode == "all":
        fss(["list"], store, cwd=repo)
        fss(["restore"], store, cwd=repo)
        fss(["dashboard"], store, cwd=repo)


BENCHES = {"hook": bench_hook, "session": bench_session, "growth": bench_growth, "start": bench_start,
           "drain": bench_drain, "store": bench_store, "import": bench_import, "launchers": bench_launchers,
           "spool": bench_spool}

if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "report":
        report(sys.argv[2] if len(sys.argv) > 2 else None)
    elif what == "train":
        train(sys.argv[2] if len(sys.argv) > 2 else "all")
    elif what in BENCHES:
        BENCHES[what]()
    else:
        sys.exit("usage: benches.py %s|report|train" % "|".join(BENCHES))
