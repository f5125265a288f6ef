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
set -euo pipefail

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
