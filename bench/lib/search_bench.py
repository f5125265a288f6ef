"""The search benchmark behind bench/search.sh: index N synthetic sessions, time searches per process.

Writes BENCH_SEARCH_BASES distinct synthetic transcripts (lib/transcript.py) of BENCH_SEARCH_KB each,
copies them into BENCH_SEARCH_SESSIONS Claude Code sessions (each copy ends with one prompt holding a
phrase no other session has), brings them into a fresh store with `fss import claude`, then measures,
for the jar under test ("after") and, side by side in the same rounds, a baseline jar ("before",
argv[3], optional):
  - indexing: `fss index` on a copy of the fresh store each, -Xmx256m; transcript MB per wall second
    and the CPU it used (the fair figure on a loaded machine)
  - the index size against the transcripts' bytes (the kept text, which the index is rebuilt from, apart)
  - `fss search --all` wall time per process, JVM start included: a rare phrase, a common word, a prefix
    with a boolean; plain `java` (C1, as the launcher runs it), with the start-up archive install.sh
    makes for JDK 17 (static AppCDS from launch.Training's class list) and, when a JDK 25 is found
    (BENCH_JAVA25, default /usr/lib/jvm/temurin-25-jdk-amd64), with its AOT cache from the same training;
    all of these in-process (FSS_SEARCH_IDLE_SECONDS=0: no search server)
  - the search server (the jar under test only), per start-up mode: the same queries in-process and
    served (the client process talking to a warm `fss search-server`), interleaved, with `java Hello`
    as the yardstick; the first search when no server runs (the client starts one and searches
    in-process meanwhile), against an in-process search with no server started; the server's RSS
Rounds interleave every jar and mode, so each side sees the same load. Standard library only.
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
BEFORE = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
SESSIONS = int(os.environ.get("BENCH_SEARCH_SESSIONS", "1000"))
KB = int(os.environ.get("BENCH_SEARCH_KB", "100"))
BASES = int(os.environ.get("BENCH_SEARCH_BASES", "20"))
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "5"))
# indexing alone: BENCH_SEARCH_INDEX_ROUNDS interleaved fresh indexings per jar (each on its own copy of the
# imported store), BENCH_SEARCH_INDEX_ONLY=1 to stop there; BENCH_SEARCH_INDEX_FLAGS: extra JVM flags for them
INDEX_ROUNDS = int(os.environ.get("BENCH_SEARCH_INDEX_ROUNDS", "1"))
INDEX_ONLY = os.environ.get("BENCH_SEARCH_INDEX_ONLY", "0") == "1"
INDEX_FLAGS = os.environ.get("BENCH_SEARCH_INDEX_FLAGS", "").split()
JAVA = os.environ.get("JAVA", "java")
JAVA25 = os.environ.get("BENCH_JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64") + "/bin/java"
BASE = ["-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"]


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
    cwd = os.path.join(WORK, "proj")
    pdir = os.path.join(config, "projects", re.sub(r"[^a-zA-Z0-9]", "-", cwd))
    # BENCH_SEARCH_REUSE=1 with a kept BENCH_WORK: the transcripts and the imported store of a run before
    reuse = os.environ.get("BENCH_SEARCH_REUSE", "0") == "1" and os.path.isdir(os.path.join(store, "projects"))
    if not reuse:
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
    os.makedirs(cwd, exist_ok=True)
    t0 = time.time()
    bases = []
    for b in range(0 if reuse else BASES):
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
    os.makedirs(pdir, exist_ok=True)
    total = du(pdir) if reuse else 0
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() - 3600))
    for i in range(0 if reuse else SESSIONS):
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
    env["FSS_SEARCH_IDLE_SECONDS"] = "0"  # in-process unless a run turns the server on
    jars = {"after": JAR}
    if BEFORE:
        jars = {"before": BEFORE, "after": JAR}

    cpu = {}

    def run(java, jar, args, extra=(), fss_home=store, check=True, idle="0"):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run([java] + BASE + list(extra) + ["-cp", jar, "io.github.fss.Main"] + args, cwd=cwd,
                           env=dict(env, FSS_HOME=fss_home, FSS_SEARCH_IDLE_SECONDS=idle), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu["last"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if p.returncode != 0 and check:
            sys.exit("fss %s failed: %s" % (" ".join(args), p.stderr.decode()[-2000:]))
        return wall, p.stdout.decode()

    imp, imp_cpu = 0.0, 0.0
    if not reuse:
        imp, _ = run(JAVA, JAR, ["import", "claude"], ["-XX:TieredStopAtLevel=4"])  # as the launcher runs import
        imp_cpu = cpu["last"]
    log("imported in %.1f s" % imp)
    stores = {}
    indexing = {}
    runs = {side: [] for side in jars}
    for r in range(INDEX_ROUNDS):
        for side, jar in jars.items():
            # a new folder each round, the earlier ones removed after the last: on an ext4 without a
            # journal (this VM's disk) files created just after others were deleted cost several
            # times as much (bench/RESULTS.md, "Indexing on a journalled file system")
            stores[side] = os.path.join(WORK, "store-%s-round%d" % (side, r))
            shutil.rmtree(stores[side], ignore_errors=True)
            os.makedirs(stores[side], mode=0o700)
            shutil.copytree(os.path.join(store, "projects"), os.path.join(stores[side], "projects"))
            loadavg = open("/proc/loadavg").read().split()[0]
            wall, out = run(JAVA, jar, ["index", "--json"], ["-Xmx256m", "-XX:+UseSerialGC"] + INDEX_FLAGS,
                            stores[side])
            stats = json.loads(out)
            runs[side].append((wall, cpu["last"]))
            log("%s: indexed %d sessions in %.1f s (CPU %.1f s): %.0f MB/s wall, %.0f MB per CPU s; load %s" % (
                side, stats["indexed"], wall, cpu["last"], total / 1e6 / wall, total / 1e6 / cpu["last"], loadavg))
    for side in jars:
        last = os.path.join(WORK, "store-" + side)
        shutil.rmtree(last, ignore_errors=True)
        for r in range(INDEX_ROUNDS - 1):
            shutil.rmtree(os.path.join(WORK, "store-%s-round%d" % (side, r)), ignore_errors=True)
        os.rename(stores[side], last)  # the searches below use the last round's store
        stores[side] = last
    for side in jars:
        wall = statistics.median(w for w, _ in runs[side])
        cpu_s = statistics.median(c for _, c in runs[side])
        indexing[side] = (wall, cpu_s, None, du(os.path.join(stores[side], "index")),
                          du(os.path.join(stores[side], "kept")))
    if INDEX_ONLY:
        for side in jars:
            print("%s: index p50 wall %.1f s = %.0f MB/s, CPU %.1f s = %.0f MB per CPU s (%d rounds); index %.1f MB" % (
                side, indexing[side][0], total / 1e6 / indexing[side][0], indexing[side][1],
                total / 1e6 / indexing[side][1], INDEX_ROUNDS, indexing[side][3] / 1e6))
        print("load average at the end: %s" % open("/proc/loadavg").read().strip())
        return
    again = {}
    for side, jar in jars.items():
        again[side] = run(JAVA, jar, ["index"], fss_home=stores[side])[0]

    # the start-up archives, made as install.sh makes them (launch.Training, then dump)
    modes = {"plain JDK 17": (JAVA, {side: ["-XX:+UseSerialGC"] for side in jars})}
    cds = {}
    for side, jar in jars.items():
        train = os.path.join(WORK, "train-" + side)
        shutil.rmtree(train, ignore_errors=True)
        lst = os.path.join(WORK, side + ".classes")
        jsa = os.path.join(WORK, side + ".jsa")
        subprocess.run([JAVA, "-Xshare:off", "-XX:DumpLoadedClassList=" + lst, "-cp", jar,
                        "io.github.fss.launch.Training", train, "all"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        subprocess.run([JAVA, "-Xshare:dump", "-XX:SharedClassListFile=" + lst, "-XX:SharedArchiveFile=" + jsa,
                        "-cp", jar], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cds[side] = ["-Xshare:auto", "-XX:SharedArchiveFile=" + jsa]
    modes["JDK 17 + AppCDS (install.sh)"] = (JAVA, cds)
    if os.path.exists(JAVA25):
        aot = {}
        for side, jar in jars.items():
            train = os.path.join(WORK, "train25-" + side)
            shutil.rmtree(train, ignore_errors=True)
            cache = os.path.join(WORK, side + ".aot")
            subprocess.run([JAVA25] + BASE + ["-XX:+UseSerialGC", "-XX:AOTCacheOutput=" + cache, "-cp", jar,
                            "io.github.fss.launch.Training", train, "all"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            aot[side] = ["-XX:+UseSerialGC", "-XX:AOTCache=" + cache, "-Xlog:disable"]
        modes["JDK 25 + AOT cache (install.sh)"] = (JAVA25, aot)

    rng = random.Random(5)
    picked = {}

    def rare():
        i = rng.randrange(SESSIONS)
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "search%d" % i)), ['"frobnicator drops quux%05d"' % i]

    queries = {
        "rare phrase": rare,
        "common word": lambda: (None, ["retry"]),
        "prefix + boolean": lambda: (None, ["limit* AND (cache OR header) NOT zebra"]),
    }
    times = {}
    cpus = {}
    version = {}
    for side, jar in jars.items():
        for _ in range(2):  # warm the page cache (and bring each index up to date once)
            run(JAVA, jar, ["search", "--all", "retry"], fss_home=stores[side])
    right = {side: 0 for side in jars}
    for r in range(ROUNDS):
        for m, (java, flags) in modes.items():
            for side, jar in jars.items():
                w, _ = run(java, jar, ["--version"], flags[side], stores[side])
                version.setdefault((m, side), ([], []))[0].append(w)
                version[(m, side)][1].append(cpu["last"])
        for q, make in queries.items():
            want, args = make()
            for m, (java, flags) in modes.items():
                for side, jar in jars.items():
                    w, out = run(java, jar, ["search", "--all", "--limit", "10", "--json"] + args, flags[side],
                                 stores[side])
                    times.setdefault((q, m, side), []).append(w)
                    cpus.setdefault((q, m, side), []).append(cpu["last"])
                    if want:
                        hits = json.loads(out)["hits"]
                        right[side] += 1 if hits and hits[0]["session_id"] == want else 0

    # ---- the search server (the jar under test): in-process vs served, interleaved, per start-up mode
    hello_dir = os.path.join(WORK, "hello")
    os.makedirs(hello_dir, exist_ok=True)
    with open(os.path.join(hello_dir, "Hello.java"), "w") as f:
        f.write('public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n')
    subprocess.run(["javac", "--release", "17", "-d", hello_dir, os.path.join(hello_dir, "Hello.java")], check=True)
    st = stores["after"]
    run_dir = os.path.join(st, "run")

    def server_pid():
        try:
            with open(os.path.join(run_dir, "search.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def stop_server():
        pid = server_pid()
        try:
            os.remove(os.path.join(run_dir, "search.addr"))  # the server exits when its address file goes
        except OSError:
            pass
        end = time.time() + 60
        while pid and os.path.exists("/proc/%d" % pid) and time.time() < end:
            time.sleep(0.05)

    def rss_mb():
        pid = server_pid()
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except (OSError, TypeError):
            pass
        return float("nan")

    served = {}
    right_served = {"in-process": 0, "served": 0}
    first = {}
    hello = {}
    rss = {}
    first_rounds = max(2, ROUNDS // 2)
    for m, (java, flags) in modes.items():
        f = flags["after"]
        first[m] = {"client": [], "alone": []}
        for _ in range(first_rounds):
            stop_server()
            # no server: the client starts one and searches in-process meanwhile
            first[m]["client"].append(run(java, JAR, ["search", "--all", "retry"], f, st, idle="600")[0])
            end = time.time() + 20
            while server_pid() is None and time.time() < end:
                time.sleep(0.05)
            stop_server()
            first[m]["alone"].append(run(java, JAR, ["search", "--all", "retry"], f, st, idle="0")[0])
        for _ in range(3):  # the server of this mode, warm
            run(java, JAR, ["search", "--all", "retry"], f, st, idle="600")
        for r in range(ROUNDS):
            for q, make in queries.items():
                want, args = make()
                for kind, idle in (("in-process", "0"), ("served", "600")):
                    w, out = run(java, JAR, ["search", "--all", "--limit", "10", "--json"] + args, f, st, idle=idle)
                    served.setdefault((q, m, kind), ([], []))[0].append(w)
                    served[(q, m, kind)][1].append(cpu["last"])
                    if want:
                        hits = json.loads(out)["hits"]
                        right_served[kind] += 1 if hits and hits[0]["session_id"] == want else 0
            t = time.perf_counter()
            subprocess.run([java] + BASE + ["-XX:+UseSerialGC", "-cp", hello_dir, "Hello"], stdout=subprocess.DEVNULL)
            hello.setdefault(m, []).append(time.perf_counter() - t)
        rss[m] = rss_mb()
    stop_server()

    def ms(v):
        return "%.0f" % (v * 1000)

    sides = list(jars)
    print("| measure | " + " | ".join(sides) + (" | after/before" if BEFORE else "") + " | target |")
    print("|---|" + "---|" * len(sides) + ("---|" if BEFORE else "") + "---|")

    def row(name, vals, ratio=None, target=""):
        print("| %s | %s%s | %s |" % (name, " | ".join(vals), (" | " + ratio) if BEFORE else "", target))

    row("sessions / transcript bytes", ["%d / %.0f MB" % (SESSIONS, total / 1e6)] * len(sides), "", "")
    row("fss index, fresh (-Xmx256m, JVM start incl.): wall = MB/s (CPU)",
        ["%.1f s = %.0f MB/s (CPU %.1f s)" % (indexing[s][0], total / 1e6 / indexing[s][0], indexing[s][1])
         for s in sides],
        BEFORE and "wall %.2f×, CPU %.2f×" % (indexing["after"][0] / indexing["before"][0],
                                            indexing["after"][1] / indexing["before"][1]), "≥ 100 MB/s")
    row("  transcript MB per CPU second (2 cores: ×2 is the idle wall rate)",
        ["%.0f" % (total / 1e6 / indexing[s][1]) for s in sides], "", "info")
    row("  control: fss import claude (C2, as the launcher runs it), once",
        ["%.1f s = %.0f MB/s (CPU %.1f s)" % (imp, total / 1e6 / imp, imp_cpu)] + [""] * (len(sides) - 1), "", "info")
    row("fss index, nothing new (wall)", [ms(again[s]) + " ms" for s in sides], "", "info")
    row("index size / transcript bytes", ["%.1f MB = %.1f%%" % (indexing[s][3] / 1e6, 100.0 * indexing[s][3] / total)
                                          for s in sides], "", "≤ 20%")
    row("kept text (gzip) / transcript bytes", ["%.1f MB = %.1f%%" % (indexing[s][4] / 1e6, 100.0 * indexing[s][4] / total)
                                                for s in sides], "", "info")
    row("rare phrase: its session ranked first", ["%d of %d" % (right[s], ROUNDS * len(modes)) for s in sides], "",
        "all")
    for m in modes:
        row("control: fss --version, %s: p50 wall / CPU (ms)" % m,
            ["%s / %s" % (ms(statistics.median(version[(m, s)][0])), ms(statistics.median(version[(m, s)][1])))
             for s in sides], "", "info")
    for q in queries:
        for m in modes:
            vals = []
            for s in sides:
                ts = times[(q, m, s)]
                vals.append("%s (%s–%s) / %s" % (ms(statistics.median(ts)), ms(min(ts)), ms(max(ts)),
                                                  ms(statistics.median(cpus[(q, m, s)]))))
            ratio = ""
            if BEFORE:
                ratio = "wall %.2f×, CPU %.2f×" % (
                    statistics.median(times[(q, m, "after")]) / statistics.median(times[(q, m, "before")]),
                    statistics.median(cpus[(q, m, "after")]) / statistics.median(cpus[(q, m, "before")]))
            row("fss search --all, %s, %s: p50 wall (min–max) / CPU, ms" % (q, m), vals, ratio, "≤ 150 ms")
    print("\n| search server (this jar): p50 wall (min–max) / CPU of the client process, ms | in-process (cold JVM)"
          " | client + warm server | served/in-process |")
    print("|---|---|---|---|")
    for m in modes:
        print("| `java Hello`, %s flags | %s (%s–%s) | | |" % (m, ms(statistics.median(hello[m])), ms(min(hello[m])),
                                                            ms(max(hello[m]))))
        for q in queries:
            vals = []
            for kind in ("in-process", "served"):
                ts, cs = served[(q, m, kind)]
                vals.append("%s (%s–%s) / %s" % (ms(statistics.median(ts)), ms(min(ts)), ms(max(ts)),
                                                  ms(statistics.median(cs))))
            ratio = statistics.median(served[(q, m, "served")][0]) / statistics.median(served[(q, m, "in-process")][0])
            print("| %s, %s | %s | %s | %.2f× |" % (q, m, vals[0], vals[1], ratio))
        print("| first search, no server yet, %s: in-process with no server / the client (starts one, searches"
              " in-process) | %s (%s–%s) | %s (%s–%s) | |" % (
                  m, ms(statistics.median(first[m]["alone"])), ms(min(first[m]["alone"])), ms(max(first[m]["alone"])),
                  ms(statistics.median(first[m]["client"])), ms(min(first[m]["client"])), ms(max(first[m]["client"]))))
        print("| server RSS after the rounds, %s | | %.0f MB | |" % (m, rss[m]))
    print("| rare phrase: its session ranked first | %d of %d | %d of %d | |" % (
        right_served["in-process"], ROUNDS * len(modes), right_served["served"], ROUNDS * len(modes)))
    try:
        load = open("/proc/loadavg").read().split()[:3]
    except OSError:
        load = ["?"]
    print("\nload average at the end: %s; %d rounds of each query; %s" % (
        " ".join(load), ROUNDS, subprocess.run([JAVA, "-version"], stderr=subprocess.PIPE).stderr.decode().split("\n")[0]))


if __name__ == "__main__":
    main()
