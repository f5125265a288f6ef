#!/usr/bin/env bash
# bench/search-launcher.sh: `fss search` as a user runs it: through the launcher install.sh writes
# (its core and history start-up archives), answered by a warm search server and in-process
# (--no-server), with `java Hello` and `fss --version` on the same JDK as the machine's yardstick,
# interleaved by hyperfine in one run.
#
#   BENCH_WORK=DIR bench/search-launcher.sh     (env: BENCH_RUNS=20)
#
# DIR is a kept bench/search.sh work folder (BENCH_KEEP=1; its store, home and proj are used as
# they are; e.g. BENCH_WORK=DIR BENCH_KEEP=1 BENCH_BASE_REF=none BENCH_SEARCH_ROUNDS=1
# bench/search.sh). This checkout is installed into DIR/launcher (XDG folders there too), the index
# is brought up to date once, a search starts the server, then each command runs BENCH_RUNS times.
# Needs hyperfine (apt-get install hyperfine). Results: a table on stdout.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
W=${BENCH_WORK:?set BENCH_WORK to a kept bench/search.sh work folder}
W=$(cd "$W" && pwd)
RUNS=${BENCH_RUNS:-20}
[ -d "$W/store/projects" ] || { echo "no store in $W (run bench/search.sh with BENCH_KEEP=1 first)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }

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
for _ in $(seq 50); do [ -S "$FSS_HOME/run/search.sock" ] && break; sleep 0.2; done
[ -S "$FSS_HOME/run/search.sock" ] || { echo "the search server did not start" >&2; exit 1; }
FSS_SEARCH_DEBUG=1 "$fss" search --all "$phrase" 2>&1 >/dev/null | grep -q 'served by' ||
  { echo "the search was not served" >&2; exit 1; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $n sessions; $(du -sh "$W/home" | cut -f1) of transcripts"
hyperfine -N -w 3 -r "$RUNS" --export-json "$W/search-launcher.json" \
  -n 'java Hello' "$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp $hello Hello" \
  -n 'fss --version' "$fss --version" \
  -n 'search, rare phrase, served' "$fss search --all '$phrase'" \
  -n 'search, common word, served' "$fss search --all retry" \
  -n 'search, rare phrase, in-process' "$fss search --all --no-server '$phrase'" \
  -n 'search, common word, in-process' "$fss search --all --no-server retry" |
  grep -E '^Benchmark|Time \(mean'
/usr/bin/python3 - "$W/search-launcher.json" <<'PYEOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
print("\n| command | median wall | mean user+sys |")
print("|---|---|---|")
for x in r:
    print("| %s | %.0f ms | %.0f ms |" % (x["command"], statistics.median(x["times"]) * 1000,
                                        (x["user"] + x["system"]) * 1000))
PYEOF
