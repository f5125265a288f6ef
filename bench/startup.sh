#!/usr/bin/env bash
# bench/startup.sh: what the JVM start-up archive buys on the hook path.
#
#   bench/startup.sh [ROUNDS]            (default 25 rounds, after 2 warm-up rounds)
#
# Installs fss with install.sh into a temp HOME, once per JDK (JDK 17 = the java on PATH or
# $FSS_BENCH_JDK17, JDK 25 = $FSS_BENCH_JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64, skipped if
# absent), then times `fss hook claude` with a Stop event whose transcript got one new turn
# (what the agent sends after every turn), and `fss --version` (the start-up floor), in these modes:
#   plain      java -cp fss.jar io.github.fss.Main hook claude   (the JVM's defaults, no archive)
#   no-archive the installed launcher with its archive removed    (what a stale install gives)
#   archive    the installed launcher                              (AppCDS on 17, AOT cache on 25)
# Every round runs every mode once, in an order that rotates each round, so all modes see the
# same machine noise. Wall time is taken around each run ($EPOCHREALTIME), CPU time is the
# child's user+sys (bash `times`). Prints medians, and each mode's ratio to "JDK 17 plain" as the
# median of the per-round ratios. Needs bash 5, a JDK 17, Maven or network for ./mvnw.
# Nothing outside the temp dir is touched (MAVEN_USER_HOME keeps the real ~/.m2 as the cache).
#
#   bench/startup.sh against [REF] [ROUNDS]   (default REF main, 12 rounds)
#
# The start-up archives of two builds side by side: REF (git archive of a commit) and this working
# tree, each installed with `install.sh --prefix DIR/bin --no-agents` and XDG_DATA_HOME /
# XDG_CACHE_HOME inside DIR (the newest JDK install.sh finds, JDK 25 here; FSS_BENCH_JAVA=PATH to
# choose), then timed through the installed launchers, interleaved (lib/measure.py): `java Hello`
# (the machine's yardstick), `fss --version`, a Claude Stop hook that goes to the JVM (the spool
# folder is removed before each run), a SessionStart and `fss list` on a copy of a 20,000-session
# store ($FSS_BENCH_SCALE, default /work/bench-scale: after/one, start.json, roots-one; rows left
# out when absent; make one with `BENCH_WORK=DIR BENCH_KEEP=1 bench/scale.sh`), and
# `fss search foo --all` on a small store (launch/Training's). Also prints how many classes
# `fss --version`, the Stop hook and `fss list` load on each side (-Xlog:class+load).
set -euo pipefail

if [ "${1-}" = against ]; then
  REF=${2:-main}
  ROUNDS=${3:-12}
  REPO=$(cd "$(dirname "$0")/.." && pwd -P)
  W=$(mktemp -d "${TMPDIR:-/tmp}/fss-startup-against.XXXXXX")
  [ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT
  export MAVEN_USER_HOME=${MAVEN_USER_HOME:-$HOME/.m2}
  SCALE=${FSS_BENCH_SCALE:-/work/bench-scale}
  mkdir -p "$W/before-src"
  git -C "$REPO" archive "$REF" | tar -x -C "$W/before-src"
  java_opt=()
  [ -z "${FSS_BENCH_JAVA:-}" ] || java_opt=(--java "$FSS_BENCH_JAVA")
  for side in before after; do
    src=$REPO
    [ $side = after ] || src=$W/before-src
    echo "installing $side ($src) ..." >&2
    t0=$(date +%s)
    XDG_DATA_HOME=$W/$side/data XDG_CACHE_HOME=$W/$side/cache \
      sh "$src/install.sh" --prefix "$W/$side/bin" --no-agents "${java_opt[@]}" >"$W/$side.install.log" 2>&1 ||
      { tail -20 "$W/$side.install.log" >&2; exit 1; }
    echo "  $(($(date +%s) - t0)) s; $(grep -E '^(AOT cache|AppCDS archive):' "$W/$side.install.log" | tr '\n' ' ')" >&2
    # the same launcher, logging the classes it loads (after the profile's -Xlog:disable)
    sed 's| -Dfss.archive=| -Xlog:class+load:file="$FSS_CLASSLOG" -Dfss.archive=|' "$W/$side/bin/fss" >"$W/$side/bin/fss-classes"
    chmod +x "$W/$side/bin/fss-classes"
    # a small store with a search index, made by the training run of this side's jar
    jar=$(sed -n "s/^FSS_JAR='\(.*\)'$/\1/p" "$W/$side/bin/fss")
    java=$(sed -n "s/^FSS_JAVA='\(.*\)'$/\1/p" "$W/$side/bin/fss")
    "$java" -cp "$jar" io.github.fss.launch.Training "$W/$side/small" all >/dev/null 2>&1
    if [ -d "$SCALE/after/one" ]; then cp -a "$SCALE/after/one" "$W/$side/one"; fi
    mkdir -p "$W/$side/stop/project" "$W/$side/stop/store"
    printf '{"type":"user","sessionId":"bench","cwd":"%s","timestamp":"2026-01-01T10:00:00.000Z","uuid":"u1","message":{"role":"user","content":"hello"}}\n' \
      "$W/$side/stop/project" >"$W/$side/stop/t.jsonl"
    printf '{"session_id":"bench","transcript_path":"%s","cwd":"%s","hook_event_name":"Stop","stop_hook_active":false}\n' \
      "$W/$side/stop/t.jsonl" "$W/$side/stop/project" >"$W/$side/stop/stop.json"
  done
  mkdir -p "$W/hello"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$W/hello/Hello.java"
  "${java%/java}/javac" -d "$W/hello" "$W/hello/Hello.java" 2>/dev/null || javac -d "$W/hello" "$W/hello/Hello.java"
  /usr/bin/python3 - "$W" "$java" "$SCALE" "$ROUNDS" >"$W/spec.json" <<'PY'
import json, os, sys
w, java, scale, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cmds = [{"name": "java Hello", "argv": [java, "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", w + "/hello", "Hello"]}]
ratios = []
for side in ("before", "after"):
    fss = w + "/" + side + "/bin/fss"
    env = {"HOME": w + "/" + side + "/small/home"}
    rows = [("version", ["--version"], {}, None, None, None),
            ("stop-jvm", ["hook", "claude"], {"FSS_HOME": w + "/" + side + "/stop/store"}, None,
             w + "/" + side + "/stop/stop.json", ["rm", "-rf", w + "/" + side + "/stop/store/spool"]),
            ("search", ["search", "foo", "--all"], {"FSS_HOME": w + "/" + side + "/small/store"},
             w + "/" + side + "/small/project", None, None)]
    if os.path.isdir(w + "/" + side + "/one"):
        one = {"FSS_HOME": w + "/" + side + "/one"}
        rows += [("session-start", ["hook", "claude"], one, scale + "/roots-one/p000", scale + "/start.json", None),
                 ("list", ["list"], one, scale + "/roots-one/p000", None, None)]
    for name, args, e, cwd, stdin, prepare in rows:
        c = {"name": name + " " + side, "argv": [fss] + args, "env": dict(env, **e)}
        if cwd: c["cwd"] = cwd
        if stdin: c["stdin"] = stdin
        if prepare: c["prepare"] = prepare
        cmds.append(c)
        if side == "after":
            ratios.append([name + " after", name + " before"])
print(json.dumps({"rounds": rounds, "warmup": 2, "tmp": w, "commands": cmds, "ratios": ratios}))
PY
  # class counts: what each start loads (a JDK 25 AOT cache loads all of its classes)
  classes() { # side label args... (stdin from $STDIN)
    local side=$1 label=$2
    shift 2
    FSS_CLASSLOG=$W/classes.log "$W/$side/bin/fss-classes" "$@" <"${STDIN:-/dev/null}" >/dev/null 2>&1 || true
    printf '%-8s %-14s %6s classes, %5s of them org.apache.lucene\n' "$side" "$label" "$(wc -l <"$W/classes.log")" \
      "$(grep -c 'org\.apache\.lucene' "$W/classes.log" || true)"
  }
  echo
  for side in before after; do
    HOME=$W/$side/small/home classes $side "--version" --version
    rm -rf "$W/$side/stop/store/spool"
    STDIN=$W/$side/stop/stop.json FSS_HOME=$W/$side/stop/store classes $side "Stop (JVM)" hook claude
    rm -rf "$W/$side/stop/store/spool"
    if [ -d "$W/$side/one" ]; then
      (cd "$SCALE/roots-one/p000" && FSS_HOME=$W/$side/one classes $side "list" list)
    fi
    (cd "$W/$side/small/project" && HOME=$W/$side/small/home FSS_HOME=$W/$side/small/store classes $side "search" search foo --all)
  done
  echo
  echo "timing $ROUNDS interleaved rounds (load $(cut -d ' ' -f 1-3 /proc/loadavg)) ..." >&2
  /usr/bin/python3 "$REPO/bench/lib/measure.py" "$W/spec.json" >"$W/result.json"
  /usr/bin/python3 - "$W/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["commands"]
print("%-22s %9s %9s" % ("command", "wall ms", "CPU ms"))
for name, v in c.items():
    print("%-22s %9.1f %9.1f" % (name, v["wall_ms"], v["cpu_ms"]))
print()
for name, v in r["ratios"].items():
    print("%-36s wall %.2fx  CPU %.2fx" % (name, v["wall"], v["cpu"] or 0))
PY
  echo "(medians of $ROUNDS rounds; ratios are medians of the per-round ratios; load now $(cut -d ' ' -f 1-3 /proc/loadavg))"
  exit 0
fi

ROUNDS=${1:-25}
WARMUP=2
REPO=$(cd "$(dirname "$0")/.." && pwd -P)
JDK17=${FSS_BENCH_JDK17:-}
JDK25=${FSS_BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -z "$JDK17" ]; then
  JDK17=$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd -P)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fss-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export MAVEN_USER_HOME=${MAVEN_USER_HOME:-$HOME/.m2}

names=() cmds=()
add() { names+=("$1"); cmds+=("$2"); }

install_for() { # $1 label, $2 JDK home
  local home=$WORK/home-${1// /}
  mkdir -p "$home"
  echo "installing for $1 ($2) ..." >&2
  HOME=$home XDG_DATA_HOME='' XDG_CACHE_HOME='' "$REPO/install.sh" --prefix "$home/bin" --java "$2" --no-agents \
    >"$WORK/install-${1// /}.log" 2>&1 || { cat "$WORK/install-${1// /}.log" >&2; exit 1; }
  local launcher=$home/bin/fss
  local jar archive='' f
  jar=$(sed -n "s/^FSS_JAR='\(.*\)'$/\1/p" "$launcher")
  for f in "$home"/.cache/fireworks-sessions-saver/fss-*; do [ -f "$f" ] && archive=$f; done
  [ -n "$archive" ] || { echo "no archive was made for $1" >&2; exit 1; }
  # the same launcher pointing at an archive that is not there
  sed "s|$archive|$archive.missing|" "$launcher" >"$home/bin/fss-no-archive"
  chmod +x "$home/bin/fss-no-archive"
  add "$1 plain" "$2/bin/java -cp $jar io.github.fss.Main"
  add "$1 no-archive" "$home/bin/fss-no-archive"
  add "$1 archive" "$launcher"
}

install_for "JDK 17" "$JDK17"
if [ -x "$JDK25/bin/java" ]; then
  install_for "JDK 25" "$JDK25"
else
  echo "no JDK 25 at $JDK25: measuring JDK 17 only" >&2
fi

# One turn of a Claude Code transcript: a prompt, an Edit and its result, a Bash call and its result.
turn() {
  local p=$1 n=$2
  cat <<EOF
{"type":"user","sessionId":"bench","cwd":"$p","gitBranch":"main","isSidechain":false,"timestamp":"2026-01-01T10:00:00.000Z","uuid":"u$n","message":{"role":"user","content":"Step $n: make the list command print JSON"}}
{"type":"assistant","sessionId":"bench","cwd":"$p","isSidechain":false,"timestamp":"2026-01-01T10:00:01.000Z","uuid":"a$n","message":{"id":"msg_$n","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"Editing the file."},{"type":"tool_use","id":"toolu_e$n","name":"Edit","input":{"file_path":"$p/src/List.java","old_string":"a","new_string":"b"}}]}}
{"type":"user","sessionId":"bench","cwd":"$p","isSidechain":false,"timestamp":"2026-01-01T10:00:02.000Z","uuid":"r$n","message":{"role":"user","content":[{"tool_use_id":"toolu_e$n","type":"tool_result","content":"The file has been updated."}]},"toolUseResult":{"filePath":"$p/src/List.java"}}
{"type":"assistant","sessionId":"bench","cwd":"$p","isSidechain":false,"timestamp":"2026-01-01T10:00:03.000Z","uuid":"b$n","message":{"id":"msg_b$n","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"tool_use","id":"toolu_b$n","name":"Bash","input":{"command":"mvn -q test","description":"Run the tests"}}]}}
{"type":"user","sessionId":"bench","cwd":"$p","isSidechain":false,"timestamp":"2026-01-01T10:00:04.000Z","uuid":"s$n","message":{"role":"user","content":[{"tool_use_id":"toolu_b$n","type":"tool_result","content":"Tests run: 3, Failures: 0","is_error":false}]},"toolUseResult":{"stdout":"Tests run: 3","stderr":"","interrupted":false}}
EOF
}

# Each mode has its own project, transcript and store, so every run does the same work.
n=${#names[@]}
for ((i = 0; i < n; i++)); do
  d=$WORK/m$i
  mkdir -p "$d/project/src" "$d/store"
  turn "$d/project" 0 >"$d/t.jsonl"
  printf '{"session_id":"bench","transcript_path":"%s","cwd":"%s","hook_event_name":"Stop","stop_hook_active":false}\n' \
    "$d/t.jsonl" "$d/project" >"$d/stop.json"
done

# Children's user+sys CPU so far, in microseconds (from bash's `times`, millisecond resolution).
# Sets CPU_US. `times` must run in this shell, never in $(...): a subshell has no children yet.
child_cpu() {
  local t u s
  times >"$WORK/times"
  t=$(tail -n 1 "$WORK/times")
  u=${t%% *}
  s=${t##* }
  CPU_US=$(($(to_us "$u") + $(to_us "$s")))
}
to_us() { # 0m0.123s -> 123000
  local m=${1%%m*} rest=${1#*m}
  rest=${rest%s}
  local sec=${rest%%.*} frac=${rest#*.}
  frac=$((10#${frac}000000 / 10 ** ${#frac}))
  frac=${frac:0:6}
  echo $(((10#$m * 60 + 10#$sec) * 1000000 + 10#${frac:-0}))
}
now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }
CPU_US=0

declare -A wall cpu
# run_one MODE ROUND WORKLOAD: hook = `hook claude` on a Stop event after one new turn;
# version = `--version`, the start-up floor (JVM, class loading, dispatch; no work).
run_one() {
  local d=$WORK/m$1 w0 w1 c0 c1
  if [ "$3" = hook ]; then
    turn "$d/project" "$2" >>"$d/t.jsonl"
    set -- "$1" "$2" "$3" hook claude
  else
    set -- "$1" "$2" "$3" --version
  fi
  child_cpu
  c0=$CPU_US
  w0=$(now_us)
  # shellcheck disable=SC2086 # the command is a list of words
  FSS_HOME=$d/store ${cmds[$1]} "${@:4}" <"$d/stop.json" >"$d/out" 2>"$d/err"
  w1=$(now_us)
  child_cpu
  c1=$CPU_US
  if [ -s "$d/err" ] || { [ "$3" = hook ] && [ -s "$d/out" ]; }; then
    echo "mode '${names[$1]}' printed something unexpected ($3):" >&2
    cat "$d/out" "$d/err" >&2
    exit 1
  fi
  wall[$3,$1,$2]=$((w1 - w0))
  cpu[$3,$1,$2]=$((c1 - c0))
}

echo "running $WARMUP warm-up + $ROUNDS rounds of ${n} modes x 2 workloads ..." >&2
for ((r = 1; r <= WARMUP + ROUNDS; r++)); do
  for ((k = 0; k < n; k++)); do
    if ((r % 2)); then i=$(((k + r) % n)); else i=$(((n - 1 - k + r) % n)); fi
    run_one "$i" "$r" hook
    run_one "$i" "$r" version
  done
done

median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }
# column WORKLOAD MODE wall|cpu [ratio]: the median over the rounds, or of the per-round ratios to mode 0
column() {
  local r
  for ((r = WARMUP + 1; r <= WARMUP + ROUNDS; r++)); do
    if [ "$3" = wall ]; then set -- "$1" "$2" "$3" "${4:-}" "${wall[$1,$2,$r]}" "${wall[$1,0,$r]}"
    else set -- "$1" "$2" "$3" "${4:-}" "${cpu[$1,$2,$r]}" "${cpu[$1,0,$r]}"; fi
    if [ -n "$4" ]; then awk -v a="$5" -v b="$6" 'BEGIN {print (b > 0 ? a / b : 0)}'; else echo "$5"; fi
  done | median
}

echo
echo "$ROUNDS interleaved rounds; $(nproc) CPUs, load $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')"
for workload in hook version; do
  echo
  if [ $workload = hook ]; then echo "fss hook claude (Stop event, one new transcript turn)"; else echo "fss --version (start-up floor)"; fi
  printf '%-20s %10s %10s %8s %8s\n' "mode" "wall ms" "CPU ms" "wall ×" "CPU ×"
  for ((i = 0; i < n; i++)); do
    printf '%-20s %10s %10s %8.2f %8.2f\n' "${names[$i]}" "$(ms "$(column $workload "$i" wall)")" \
      "$(ms "$(column $workload "$i" cpu)")" "$(column $workload "$i" wall ratio)" "$(column $workload "$i" cpu ratio)"
  done
done
echo
echo "(medians; × = median of the per-round ratios to '${names[0]}'; CPU = user+sys of the JVM, 1 ms resolution)"
