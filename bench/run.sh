#!/usr/bin/env bash
# fss benchmarks: bench/run.sh [hook|session|growth|start|drain|store|import|launchers|spool ...]   (see bench/README.md)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
PY=/usr/bin/python3
all=(hook session growth start drain store import)  # `launchers` and `spool` run only when named

usage() {
  sed -n '/^## Running/,/^## Reading/p' "$here/README.md" | sed '$d'
  exit "${1:-0}"
}
names=()
for a in "$@"; do
  case "$a" in
    -h|--help) usage 0 ;;
    hook|session|growth|start|drain|store|import|launchers|spool) names+=("$a") ;;
    *) echo "run.sh: unknown benchmark '$a' (one of: ${all[*]} launchers spool)" >&2; exit 2 ;;
  esac
done
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")

[ -x "$PY" ] || { echo "run.sh: $PY is required (the system python: the pyenv shim adds ~70 ms)" >&2; exit 1; }
command -v git >/dev/null || { echo "run.sh: git is required" >&2; exit 1; }

# ---- work dir
if [ -n "${BENCH_WORK:-}" ]; then
  mkdir -p "$BENCH_WORK"
  own_work=0
else
  BENCH_WORK=$(mktemp -d /tmp/fss-bench.XXXXXX)
  own_work=1
fi
BENCH_WORK=$(cd "$BENCH_WORK" && pwd)
export BENCH_WORK
cleanup() {
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$own_work" = 0 ]; then
    # data is reusable (repos are cached); drop only the big files
    rm -rf "$BENCH_WORK/claude-import" "$BENCH_WORK/store-import" 2>/dev/null || true
  else
    rm -rf "$BENCH_WORK"
  fi
}
trap cleanup EXIT
rm -f "$BENCH_WORK/results.jsonl"

# ---- tools
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  echo "installing $1 (apt-get)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"; } >/dev/null 2>&1
}
if [ ! -x /usr/bin/time ] && ! apt_install time; then
  echo "run.sh: /usr/bin/time is required for peak RSS (apt-get install time)" >&2; exit 1
fi
if [ "${BENCH_HYPERFINE:-1}" != 0 ] && ! command -v hyperfine >/dev/null; then
  apt_install hyperfine || { echo "hyperfine unavailable: the cross-check is skipped" >&2; export BENCH_HYPERFINE=0; }
fi

# ---- the launcher: $FSS if given, else the repo's installer, else a wrapper around the jar
JAVA=${JAVA:-java}
JAR=$repo/target/fss.jar
built=0
build_jar() {
  if [ "$built" = 1 ] || { [ "${BENCH_NO_BUILD:-0}" = 1 ] && [ -f "$JAR" ]; }; then return; fi
  echo "building $JAR (mvn -q package -DskipTests)" >&2
  (cd "$repo" && mvn -q -B package -DskipTests) >&2
  built=1
}
wrapper() {  # wrapper FILE JAVA FLAGS...: a #!/bin/sh launcher (+1 ms, java-startup.md §4)
  local file=$1 java=$2; shift 2
  mkdir -p "$(dirname "$file")"
  printf '#!/bin/sh\nexec %s %s -jar %s "$@"\n' "$java" "$*" "$JAR" >"$file"
  chmod +x "$file"
}
make_launcher() {  # make_launcher MODE DIR: DIR/fss runs the jar (plain | cds17 | aot25)
  local mode=$1 dir=$2 java=$JAVA
  case "$mode" in
    plain)
      wrapper "$dir/fss" "$java" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto
      ;;
    cds17)
      # JDK 17 static AppCDS: class lists from a training run of the hooks and verbs, then -Xshare:dump
      rm -f "$dir"/cl.*
      wrapper "$dir/fss-train" "$java" -Xshare:off "-XX:DumpLoadedClassList=$dir/cl.\$\$"
      FSS=$dir/fss-train "$PY" "$here/lib/benches.py" train all
      awk '!seen[$0]++' "$dir"/cl.* >"$dir/fss.classlist"
      "$java" -Xshare:dump -XX:SharedClassListFile="$dir/fss.classlist" -XX:SharedArchiveFile="$dir/fss.jsa" \
        -cp "$JAR" >/dev/null 2>&1
      wrapper "$dir/fss" "$java" -XX:TieredStopAtLevel=1 -XX:-UsePerfData "-XX:SharedArchiveFile=$dir/fss.jsa" -Xshare:auto
      ;;
    aot25)
      # JDK 25 AOT cache: one training run (the last Stop hook of `train stop` writes the cache)
      java=$JAVA25
      wrapper "$dir/fss-train" "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "-XX:AOTCacheOutput=$dir/fss.aot" \
        -Xlog:disable -Xlog:all=warning:stderr
      FSS=$dir/fss-train "$PY" "$here/lib/benches.py" train stop
      wrapper "$dir/fss" "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData "-XX:AOTCache=$dir/fss.aot" \
        -Xlog:disable -Xlog:all=warning:stderr
      ;;
    *) echo "run.sh: BENCH_LAUNCHER is plain, cds17 or aot25, not '$mode'" >&2; exit 2 ;;
  esac
}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
launcher_note=""
bin=$BENCH_WORK/bin
if [ -n "${FSS:-}" ]; then
  launcher_note="FSS=$FSS (given)"
elif [ -x "$repo/install.sh" ]; then
  echo "installing with $repo/install.sh --prefix $bin" >&2
  mkdir -p "$BENCH_WORK/home"
  (cd "$repo" && HOME=$BENCH_WORK/home ./install.sh --prefix "$bin") >&2
  FSS=$bin/fss
  launcher_note="install.sh --prefix \$BENCH_WORK/bin (HOME=\$BENCH_WORK/home)"
else
  build_jar
  mode=${BENCH_LAUNCHER:-plain}
  [ "$mode" = aot25 ] && java_used=$JAVA25
  make_launcher "$mode" "$bin"
  FSS=$bin/fss
  export BENCH_JAR=$JAR
  launcher_note="wrapper ($mode): $(sed -n 2p "$bin/fss" | sed "s#$BENCH_WORK#\$BENCH_WORK#g; s#$repo/##")"
fi
# `launchers` compares the three wrappers side by side, whatever FSS is
for n in "${names[@]}"; do
  if [ "$n" = launchers ]; then
    build_jar
    export BENCH_JAR=$JAR
    for m in plain cds17 aot25; do
      if [ "$m" = aot25 ] && [ ! -x "$JAVA25" ]; then echo "no JDK 25 at $JAVA25: aot25 skipped" >&2; continue; fi
      echo "making the $m launcher" >&2
      make_launcher "$m" "$BENCH_WORK/launchers/$m"
      export "BENCH_LAUNCHER_${m^^}=$BENCH_WORK/launchers/$m/fss"
    done
  fi
done
rm -rf "$BENCH_WORK/store-train"
export FSS
"$PY" - "$FSS" <<'EOF' >/dev/null || { echo "run.sh: the launcher does not run: $FSS" >&2; exit 1; }
import shlex, subprocess, sys
sys.exit(subprocess.run(shlex.split(sys.argv[1]) + ["--version"]).returncode)
EOF

java_version=$("${java_used:-$JAVA}" -version 2>&1 | head -1)
{
  echo "fss benchmarks  $(date -u '+%Y-%m-%d %H:%M UTC')  $(nproc) vCPU  $(uname -r)"
  echo "java:     $java_version"
  echo "launcher: $launcher_note"
  echo "fss:      $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet -- src pom.xml || echo ' (+ uncommitted changes)')"
  echo "work dir: $BENCH_WORK"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before"
} | tee "$BENCH_WORK/header.txt" >&2

start_all=$(date +%s)
for n in "${names[@]}"; do
  echo "== $n" >&2
  t0=$(date +%s)
  "$PY" "$here/lib/benches.py" "$n"
  echo "   ($n: $(( $(date +%s) - t0 )) s)" >&2
done
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) after; total $(( $(date +%s) - start_all )) s" \
  | tee -a "$BENCH_WORK/header.txt" >&2
echo >&2
cat "$BENCH_WORK/header.txt"
echo
"$PY" "$here/lib/benches.py" report "$BENCH_WORK/results.md"
