"""The search benchmark behind bench/search.sh: index N synthetic sessions, time searches per process.

Writes BENCH_SEARCH_BASES distinct synthetic transcripts (lib/transcript.py) of BENCH_SEARCH_KB each,
copies them into BENCH_SEARCH_SESSIONS Claude Code sessions (each copy ends with one prompt holding a
phrase no other session has), brings them into a fresh store with `fss import claude`, then measures:
  - indexing: `fss index` on the fresh store, -Xmx256m; transcript MB per wall second
  - the index size against the transcripts' bytes (the kept text, which the index is rebuilt from, apart)
  - `fss search --all` wall time per process, JVM start included: a rare phrase, a common word, a prefix
    with a boolean; plain `java -jar` (C1, as the launcher runs it) and with a JDK 17 dynamic AppCDS
    archive made by one search (install.sh's archive is trained on search too)
Standard library only.
"""

import json
import os
import random
import resource
import re
import shutil
import statistics
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcript  # noqa: E402

JAR, WORK = sys.argv[1], sys.argv[2]
SESSIONS = int(os.environ.get("BENCH_SEARCH_SESSIONS", "1000"))
KB = int(os.environ.get("BENCH_SEARCH_KB", "100"))
BASES = int(os.environ.get("BENCH_SEARCH_BASES", "20"))
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "5"))
JAVA = os.environ.get("JAVA", "java")
BASE = [JAVA, "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:+UseSerialGC"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def main():
    home = os.path.join(WORK, "home")
    config = os.path.join(home, ".claude")
    store = os.path.join(WORK, "store")
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    cwd = os.path.join(WORK, "proj")
    os.makedirs(cwd, exist_ok=True)
    t0 = time.time()
    bases = []
    for b in range(BASES):
        p = os.path.join(WORK, "base-%d.jsonl" % b)
        if os.path.exists(p):
            os.remove(p)
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, "base%d" % b))
        g = transcript.Gen(sid, cwd, seed=700 + b)
        g.clock = time.time() - 86400
        g.save(p)
        transcript.grow(p, sid, cwd, KB * 1024, tools=3, big_every=20, seed=700 + b)
        with open(p, "rb") as f:
            bases.append(f.read())
        os.remove(p)
        os.remove(p + ".genstate")
    pdir = os.path.join(config, "projects", re.sub(r"[^a-zA-Z0-9]", "-", cwd))
    os.makedirs(pdir, exist_ok=True)
    total = 0
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() - 3600))
    for i in range(SESSIONS):
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, "search%d" % i))
        rare = {"parentUuid": None, "isSidechain": False, "type": "user", "cwd": cwd, "sessionId": sid,
                "message": {"role": "user", "content": "ticket zq%05d: the frobnicator drops quux%05d frames" % (i, i)},
                "uuid": "rare-%d" % i, "timestamp": stamp}
        data = bases[i % BASES] + (json.dumps(rare) + "\n").encode()
        with open(os.path.join(pdir, sid + ".jsonl"), "wb") as f:
            f.write(data)
        total += len(data)
    log("wrote %d sessions, %.0f MB of transcript, in %.1f s" % (SESSIONS, total / 1e6, time.time() - t0))
    env = dict(os.environ, HOME=home, FSS_HOME=store, CLAUDE_CONFIG_DIR=config)
    env.pop("JAVA_TOOL_OPTIONS", None)

    cpu = {}

    def run(args, extra=()):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run(BASE + list(extra) + ["-jar", JAR] + args, cwd=cwd, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu["last"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if p.returncode != 0:
            sys.exit("fss %s failed: %s" % (" ".join(args), p.stderr.decode()[-2000:]))
        return wall, p.stdout.decode()

    imp, _ = run(["import", "claude"])
    imp_cpu = cpu["last"]
    log("imported in %.1f s" % imp)
    wall, out = run(["index", "--json"], ["-Xmx256m"])
    index_cpu = cpu["last"]
    stats = json.loads(out)
    index_bytes = du(os.path.join(store, "index"))
    kept_bytes = du(os.path.join(store, "kept"))
    mbps = total / 1e6 / wall
    log("indexed %d sessions in %.1f s: %.0f MB/s; index %.1f MB, kept text %.1f MB" % (
        stats["indexed"], wall, mbps, index_bytes / 1e6, kept_bytes / 1e6))
    again, _ = run(["index"])
    rng = random.Random(5)
    picked = []

    def rare():
        i = rng.randrange(SESSIONS)
        picked.append(str(uuid.uuid5(uuid.NAMESPACE_URL, "search%d" % i)))
        return ['"frobnicator drops quux%05d"' % i]

    queries = {
        "rare phrase": rare,
        "common word": lambda: ["retry"],
        "prefix + boolean": lambda: ["limit* AND (cache OR header) NOT zebra"],
    }
    archive = os.path.join(WORK, "search.jsa")
    subprocess.run(BASE + ["-XX:ArchiveClassesAtExit=" + archive, "-jar", JAR, "search", "--all", "retry"],
                   cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    modes = {"java -jar": [], "+ AppCDS": ["-XX:SharedArchiveFile=" + archive]}
    times = {(m, q): [] for m in modes for q in queries}
    cpus = {(m, q): [] for m in modes for q in queries}
    version = []
    version_cpu = []
    for _ in range(2):  # warm the page cache
        run(["search", "--all", "retry"])
    right = 0
    for r in range(ROUNDS):
        version.append(run(["--version"])[0])
        version_cpu.append(cpu["last"])
        for q, make in queries.items():
            for m, extra in modes.items():
                w, out = run(["search", "--all", "--limit", "10", "--json"] + make(), extra)
                times[(m, q)].append(w)
                cpus[(m, q)].append(cpu["last"])
                if q == "rare phrase":
                    hits = json.loads(out)["hits"]
                    right += 1 if hits and hits[0]["session_id"] == picked[-1] else 0
    rows = []
    rows.append(("sessions / transcript bytes", "%d / %.0f MB" % (SESSIONS, total / 1e6), ""))
    rows.append(("fss index, fresh (-Xmx256m, JVM start incl.)", "%.1f s = %.0f MB/s (CPU %.1f s)" % (
        wall, mbps, index_cpu), "≥ 100 MB/s"))
    rows.append(("  control: fss import claude of the same transcripts", "%.1f s = %.0f MB/s (CPU %.1f s)" % (
        imp, total / 1e6 / imp, imp_cpu), "info"))
    rows.append(("fss index, nothing new", "%.0f ms" % (again * 1000), ""))
    rows.append(("index size / transcript bytes", "%.1f MB = %.1f%%" % (index_bytes / 1e6, 100.0 * index_bytes / total),
                 "≤ 20%"))
    rows.append(("kept text (gzip) / transcript bytes", "%.1f MB = %.1f%%" % (kept_bytes / 1e6, 100.0 * kept_bytes / total),
                 "info"))
    rows.append(("rare phrase: its session ranked first", "%d of %d" % (right, ROUNDS * len(modes)), "all"))
    rows.append(("  control: fss --version (JVM start), p50 wall / CPU", "%.0f / %.0f ms" % (
        statistics.median(version) * 1000, statistics.median(version_cpu) * 1000), "info"))
    for (m, q), ts in times.items():
        rows.append(("fss search --all, %s, %s: p50 wall (min–max) / CPU" % (q, m), "%.0f ms (%.0f–%.0f) / %.0f ms" % (
            statistics.median(ts) * 1000, min(ts) * 1000, max(ts) * 1000, statistics.median(cpus[(m, q)]) * 1000),
            "≤ 150 ms"))
    try:
        load = open("/proc/loadavg").read().split()[:3]
    except OSError:
        load = ["?"]
    print("| measure | result | target |")
    print("|---|---|---|")
    for a, b, c in rows:
        print("| %s | %s | %s |" % (a, b, c))
    print("\nload average at the end: %s; %d rounds of each query; %s" % (
        " ".join(load), ROUNDS, subprocess.run([JAVA, "-version"], stderr=subprocess.PIPE).stderr.decode().split("\n")[0]))


if __name__ == "__main__":
    main()
