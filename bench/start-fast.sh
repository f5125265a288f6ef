#!/usr/bin/env bash
# bench/start-fast.sh: a new session's SessionStart over 20,000 sessions, answered by the launcher
# alone from the project's prepared notice (bin/fss, agents/PreparedStart.java) against the JVM
# path, through the installed launcher, interleaved (bench/lib/measure.py).
#
#   BENCH_WORK=DIR bench/start-fast.sh     (env: BENCH_ROUNDS=20)
#
# DIR is a copy of a bench/scale.sh work folder (BENCH_KEEP=1), never the original: this installs
# this checkout into DIR/sf, copies DIR/gen/one into two stores (DIR/sfF, DIR/sfJ), and primes each
# with one session that starts and ends (JVM hooks) without a turn: its SessionEnd renders the notice. Their sessions name the project by the path
# bench/scale.sh made them in (its roots-one/p000, read here and never written). Timed:
#   fast   a new session's start (a session id the store never saw), the spool emptied before each
#          run (untimed), so every run takes the fast path, as a real start does after a SessionEnd;
#   jvm    the same start the JVM answers (a known session id makes the launcher decline after all
#          of its checks): today's path;
#   java Hello (the launcher's JDK) and `dash -c :` as the yardsticks.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
W=${BENCH_WORK:?set BENCH_WORK to a copy of a bench/scale.sh work folder}
ROUNDS=${BENCH_ROUNDS:-20}
[ -d "$W/gen/one/projects" ] || { echo "no $W/gen/one: run bench/scale.sh with BENCH_KEEP=1 first" >&2; exit 1; }
key=$(ls "$W/gen/one/projects")
proj=$(sed -n 's/.*"project_root":"\([^"]*\)".*/\1/p' "$(find "$W/gen/one/projects/$key" -name '*.json' | head -1)" | head -1)
[ -d "$proj" ] || { echo "the stores' project $proj is not there" >&2; exit 1; }

if [ ! -x "$W/sf/bin/fss" ]; then
  XDG_DATA_HOME="$W/sf/data" XDG_CACHE_HOME="$W/sf/cache" sh "$repo/install.sh" --prefix "$W/sf/bin" --no-agents \
    >"$W/sf.install.log" 2>&1 || { tail -20 "$W/sf.install.log" >&2; exit 1; }
fi
mkdir -p "$W/sfhome"
# BENCH_BASE_FSS=an installed launcher of the build to compare with (e.g. a bench/scale.sh work
# folder's after/bin/fss): its JVM path on a third store, so the cost the notice's rendering adds
# to the JVM path shows
BASE=${BENCH_BASE_FSS:-}
sides="F J"
[ -z "$BASE" ] || sides="F J B"
for s in $sides; do
  rm -rf "$W/sf$s" && cp -a "$W/gen/one" "$W/sf$s"
  printf '{"session_id":"prime-%s","hook_event_name":"SessionStart","source":"startup","cwd":"%s","transcript_path":"%s/none-prime.jsonl"}\n' \
    "$s" "$proj" "$W" >"$W/prime-$s.json"
  printf '{"session_id":"prime-%s","hook_event_name":"SessionEnd","reason":"prompt_input_exit","cwd":"%s","transcript_path":"%s/none-prime.jsonl"}\n' \
    "$s" "$proj" "$W" >"$W/prime-end-$s.json"
  fss=$W/sf/bin/fss
  [ "$s" != B ] || fss=$BASE
  # the summary built first by a list, as bench/scale.sh does: a SessionStart right after its own
  # registration finds the folder too fresh to save one (ProjectSummary.racy) and rebuilds again
  (cd "$proj" && HOME="$W/sfhome" FSS_HOME="$W/sf$s" "$fss" list >/dev/null &&
    HOME="$W/sfhome" FSS_HOME="$W/sf$s" "$fss" hook claude <"$W/prime-$s.json" >/dev/null &&
    HOME="$W/sfhome" FSS_HOME="$W/sf$s" "$fss" hook claude <"$W/prime-end-$s.json" >/dev/null)
done
printf '{"session_id":"bench-fast","hook_event_name":"SessionStart","source":"startup","cwd":"%s","transcript_path":"%s/none-fast.jsonl"}\n' \
  "$proj" "$W" >"$W/start-fast.json"
java_bin=$(sed -n "s/^FSS_JAVA='\(.*\)'$/\1/p" "$W/sf/bin/fss")
mkdir -p "$W/hello"
if [ ! -f "$W/hello/Hello.class" ]; then
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$W/hello/Hello.java"
  "$(dirname "$java_bin")/javac" -d "$W/hello" "$W/hello/Hello.java"
fi
# both answers must be the same bytes before anything is timed
(cd "$proj" && : >"$W/sfF/spool/events" &&
  FSS_DEBUG_START=1 HOME="$W/sfhome" FSS_HOME="$W/sfF" "$W/sf/bin/fss" hook claude <"$W/start-fast.json" >"$W/fast.out" 2>"$W/fast.err" &&
  FSS_DEBUG_START=1 HOME="$W/sfhome" FSS_HOME="$W/sfJ" "$W/sf/bin/fss" hook claude <"$W/prime-J.json" >"$W/jvm.out" 2>"$W/jvm.err")
grep -q 'fss start: fast' "$W/fast.err" || { cat "$W/fast.err" >&2; exit 1; }
grep -q 'fss start: jvm' "$W/jvm.err" || { cat "$W/jvm.err" >&2; exit 1; }
cmp "$W/fast.out" "$W/jvm.out" >&2 || exit 1
echo "fast and JVM answers identical ($(wc -c <"$W/fast.out") bytes); notice: $(grep -c '^fss_t[cm] ' "$W/sfF/notice/$key.sh") transcripts to check" >&2

/usr/bin/python3 - "$W" "$ROUNDS" "$proj" "$here/lib" "$java_bin" "$BASE" <<'PYEOF'
import json, os, sys
W, rounds, proj, lib, java_bin, base = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
sys.path.insert(0, lib)
import measure
def env(s):
    return {"HOME": W + "/sfhome", "FSS_HOME": W + "/sf" + s}
cmds = [{"name": "fast", "argv": [W + "/sf/bin/fss", "hook", "claude"], "stdin": W + "/start-fast.json", "env": env("F"),
         "cwd": proj, "prepare": ["sh", "-c", ": > " + W + "/sfF/spool/events"]},
        {"name": "jvm", "argv": [W + "/sf/bin/fss", "hook", "claude"], "stdin": W + "/prime-J.json", "env": env("J"),
         "cwd": proj, "prepare": ["sh", "-c", ": > " + W + "/sfJ/spool/events"]},
        {"name": "java-hello", "argv": [java_bin, "-cp", W + "/hello", "Hello"], "cwd": W},
        {"name": "dash", "argv": ["dash", "-c", ":"], "cwd": W}]
ratios = [["fast", "jvm"], ["fast", "java-hello"], ["jvm", "java-hello"]]
names = ["fast", "jvm", "java-hello", "dash"]
if base:
    cmds.append({"name": "jvm-base", "argv": [base, "hook", "claude"], "stdin": W + "/prime-B.json", "env": env("B"),
                 "cwd": proj, "prepare": ["sh", "-c", ": > " + W + "/sfB/spool/events"]})
    ratios += [["jvm", "jvm-base"], ["fast", "jvm-base"]]
    names.append("jvm-base")
res = measure.run({"rounds": rounds, "warmup": 2, "commands": cmds, "tmp": W, "ratios": ratios})
res["load"] = os.getloadavg()
with open(W + "/start-fast.json.result", "w") as f:
    json.dump(res, f, indent=2)
print("load average %.1f %.1f %.1f; %d rounds, medians" % (res["load"] + (rounds,)))
for n in names:
    c = res["commands"][n]
    print("%-11s %8.1f ms wall %8.1f ms cpu %8d KB rss" % (n, c["wall_ms"], c["cpu_ms"], c["rss_kb"]))
for k, v in res["ratios"].items():
    print("%-22s %.3f (wall)" % (k, v["wall"]))
PYEOF
