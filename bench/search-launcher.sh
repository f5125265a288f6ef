#!/usr/bin/env bash
# bench/search-launcher.sh: `fss search` as a user runs it: through the launcher install.sh writes
# (its core and history start-up archives), answered by a warm search server — from the launcher's
# shell client (no JVM) and from the JVM's client (FSS_SEARCH_CLIENT=java) — and in-process
# (--no-server), with `java Hello` and `fss --version` on the same JDK as the machine's yardstick,
# interleaved round by round (bench/lib/measure.py) in one run.
#
#   BENCH_WORK=DIR bench/search-launcher.sh     (env: BENCH_RUNS=20)
#
# DIR is a kept bench/search.sh work folder (BENCH_KEEP=1; its store, home and proj are used as
# they are; e.g. BENCH_WORK=DIR BENCH_KEEP=1 BENCH_BASE_REF=none BENCH_SEARCH_ROUNDS=1
# bench/search.sh). This checkout is installed into DIR/launcher (XDG folders there too), the index
# is brought up to date once, a search starts the server, then each command runs BENCH_RUNS times.
# Results: a table on stdout (medians of BENCH_RUNS interleaved rounds), the raw result in
# DIR/search-launcher.json.
#
# Then indexing as a user runs it (BENCH_INDEX_ROUNDS=3; 0 skips it): `fss index` from scratch on a
# fresh copy of the store's sessions, through the installed launcher (its history archive) with
# JAVA_TOOL_OPTIONS=-Xmx256m (the heap cap the issue sets), interleaved with the same jar started
# as bench/search.sh starts it (java -Xmx256m, SerialGC, C1, no archive); MB of transcript per
# wall second and per CPU second. BENCH_INDEX_DIR=DIR: make those copies under DIR instead of the
# work folder, e.g. on a journalled ext4 as most users have (this VM's own disk has no journal),
# mounted from an image as root: truncate -s 4G img && mkfs.ext4 -q -F img && mount -o loop img DIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
W=${BENCH_WORK:?set BENCH_WORK to a kept bench/search.sh work folder}
W=$(cd "$W" && pwd)
RUNS=${BENCH_RUNS:-20}
[ -d "$W/store/projects" ] || { echo "no store in $W (run bench/search.sh with BENCH_KEEP=1 first)" >&2; exit 1; }

inst=$W/launcher
export XDG_DATA_HOME=$inst/data XDG_CACHE_HOME=$inst/cache
if [ ! -x "$inst/bin/fss" ] || [ "${BENCH_REINSTALL:-1}" = 1 ]; then
  echo "installing $(git -C "$repo" rev-parse --short HEAD) into $inst" >&2
  sh "$repo/install.sh" --prefix "$inst/bin" --no-agents >"$W/launcher-install.log" 2>&1 ||
    { tail -20 "$W/launcher-install.log" >&2; exit 1; }
fi
fss=$inst/bin/fss
java=$(sed -n "s/^FSS_JAVA='\(.*\)'$/\1/p" "$fss")
export HOME=$W/home FSS_HOME=$W/store FSS_SEARCH_IDLE_SECONDS=600
cd "$W/proj"

hello=$W/hello
if [ ! -f "$hello/Hello.class" ]; then
  mkdir -p "$hello"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' >"$hello/Hello.java"
  "${java%/bin/java}/bin/javac" --release 17 -d "$hello" "$hello/Hello.java"
fi

"$fss" index >/dev/null
# a rare phrase of one session (bench/lib/search_bench.py writes "the frobnicator drops quuxNNNNN")
n=$(ls "$W/store/projects"/*/ | grep -c '\.json$' || true)
phrase="\"frobnicator drops quux$(printf '%05d' $((n / 2)))\""
"$fss" search --all "$phrase" >/dev/null # no server yet: searches in-process, then starts one
for _ in $(seq 50); do [ -f "$FSS_HOME/run/search.addr" ] && break; sleep 0.2; done
[ -f "$FSS_HOME/run/search.addr" ] || { echo "the search server did not start" >&2; exit 1; }
for client in shell java; do
  FSS_SEARCH_CLIENT=$([ $client = java ] && echo java) FSS_SEARCH_DEBUG=1 "$fss" search --all "$phrase" 2>&1 >/dev/null |
    grep 'served by' | { [ $client = java ] && grep -qv 'shell client' || grep -q 'shell client'; } ||
    { echo "the search was not served to the $client client" >&2; exit 1; }
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $n sessions; $(du -shL "$W/home" | cut -f1) of transcripts"
W="$W" RUNS="$RUNS" JAVA="$java" HELLO="$hello" FSS="$fss" PHRASE="$phrase" /usr/bin/python3 - >"$W/spec.json" <<'PYEOF'
import json, os
e = os.environ
fss, phrase = e["FSS"], e["PHRASE"]
def c(name, argv, env=None):
    return {"name": name, "argv": argv, "cwd": e["W"] + "/proj", "env": env or {}}
java = {"FSS_SEARCH_CLIENT": "java"}
cmds = [
    c("java Hello", [e["JAVA"], "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", e["HELLO"], "Hello"]),
    c("fss --version", [fss, "--version"]),
    c("rare phrase, served, shell client", [fss, "search", "--all", phrase]),
    c("rare phrase, served, JVM client", [fss, "search", "--all", phrase], java),
    c("rare phrase, in-process", [fss, "search", "--all", "--no-server", phrase]),
    c("common word, served, shell client", [fss, "search", "--all", "retry"]),
    c("common word, served, JVM client", [fss, "search", "--all", "retry"], java),
    c("common word, in-process", [fss, "search", "--all", "--no-server", "retry"]),
]
print(json.dumps({"rounds": int(e["RUNS"]), "warmup": 2, "commands": cmds, "ratios": [
    ["rare phrase, served, shell client", "rare phrase, in-process"],
    ["rare phrase, served, JVM client", "rare phrase, in-process"],
    ["rare phrase, served, shell client", "rare phrase, served, JVM client"],
    ["common word, served, shell client", "common word, served, JVM client"],
    ["rare phrase, served, JVM client", "java Hello"],
]}))
PYEOF
/usr/bin/python3 "$repo/bench/lib/measure.py" "$W/spec.json" >"$W/search-launcher.json"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$W/search-launcher.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
print("\n| command | median wall | min–max wall | median user+sys | RSS |")
print("|---|---|---|---|---|")
for name, x in r["commands"].items():
    print("| %s | %.0f ms | %.0f–%.0f ms | %.0f ms | %.0f MB |" % (name, x["wall_ms"], x["wall_min_ms"],
          x["wall_max_ms"], x["cpu_ms"], x["rss_kb"] / 1024))
print("\n| ratio (median of per-round ratios) | wall | CPU |")
print("|---|---|---|")
for name, x in r["ratios"].items():
    print("| %s | %.2f | %s |" % (name, x["wall"], "%.2f" % x["cpu"] if x["cpu"] else "—"))
PYEOF

ROUNDS=${BENCH_INDEX_ROUNDS:-3}
[ "$ROUNDS" -gt 0 ] || exit 0
jar=$(sed -n "s/^FSS_JAR='\(.*\)'$/\1/p" "$fss")
W="$W" FSS="$fss" JAVA="$java" JAR="$jar" ROUNDS="$ROUNDS" INDEX_DIR="${BENCH_INDEX_DIR:-$W}" /usr/bin/python3 - <<'PYEOF'
import os, resource, shutil, statistics, subprocess, time
e = os.environ
W = e["W"]
total = 0
for d, _, files in os.walk(os.path.join(W, "home")):
    total += sum(os.path.getsize(os.path.join(d, f)) for f in files if f.endswith(".jsonl"))
ways = {
    "launcher (history archive), -Xmx256m": ([e["FSS"], "index"], {"JAVA_TOOL_OPTIONS": "-Xmx256m"}),
    "java -jar as bench/search.sh (no archive), -Xmx256m": (
        [e["JAVA"], "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", e["JAR"], "io.github.fss.Main",
         "index"], {}),
}
runs = {w: [] for w in ways}
shutil.rmtree(os.path.join(e["INDEX_DIR"], "index-bench"), ignore_errors=True)
for r in range(int(e["ROUNDS"])):
    for name, (argv, extra) in ways.items():
        # a new folder each round, all removed at the end: on an ext4 without a journal (this VM's
        # disk) the files of a round created just after the last round's were deleted cost several
        # times as much, as the allocator steps over the recently freed inodes one by one
        home = os.path.join(e["INDEX_DIR"], "index-bench", "round%d-way%d" % (r, list(ways).index(name)))
        os.makedirs(home, mode=0o700)
        shutil.copytree(os.path.join(W, "store", "projects"), os.path.join(home, "projects"))
        env = dict(os.environ, FSS_HOME=home, FSS_SEARCH_IDLE_SECONDS="0", **extra)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.monotonic()
        subprocess.run(argv, env=env, cwd=os.path.join(W, "proj"), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        wall = time.monotonic() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        runs[name].append((wall, cpu))
shutil.rmtree(os.path.join(e["INDEX_DIR"], "index-bench"), ignore_errors=True)  # after the last round
fs = subprocess.run(["df", "--output=fstype", e["INDEX_DIR"]], capture_output=True, text=True).stdout.split()[-1:]
print("\nindexing %.0f MB of transcript from scratch into %s (%s), %s rounds, load %s" % (
    total / 1e6, e["INDEX_DIR"], "".join(fs) or "?", e["ROUNDS"], open("/proc/loadavg").read().split()[0]))
print("\n| fss index | median wall | MB/s wall | median CPU | MB per CPU s |")
print("|---|---|---|---|---|")
for name, xs in runs.items():
    wall = statistics.median(w for w, _ in xs)
    cpu = statistics.median(c for _, c in xs)
    print("| %s | %.2f s | %.0f | %.2f s | %.0f |" % (name, wall, total / 1e6 / wall, cpu, total / 1e6 / cpu))
PYEOF
