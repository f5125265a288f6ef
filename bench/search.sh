#!/usr/bin/env bash
# fss search benchmark: bench/search.sh   (1,000 sessions by default: a few minutes on a loaded machine)
# Indexes N synthetic Claude Code sessions, then times `fss search` per process (JVM start included),
# this tree's jar ("after") side by side with a baseline ("before") in the same interleaved rounds.
#
#   BENCH_BASE_REF   git ref built as the baseline in a scratch copy (default: main; "none": no baseline)
#   BENCH_BASE_JAR   a baseline jar already built (instead of BENCH_BASE_REF)
#   BENCH_JAR        the jar under test (default: target/fss.jar, built unless BENCH_NO_BUILD=1)
#   BENCH_SEARCH_SESSIONS, BENCH_SEARCH_KB, BENCH_SEARCH_BASES, BENCH_SEARCH_ROUNDS: see lib/search_bench.py
#   (the issue's size, 10,000 sessions of ~110 KB = 1.1 GB: BENCH_SEARCH_SESSIONS=10000 BENCH_SEARCH_KB=40)
#   BENCH_SEARCH_INDEX_ROUNDS, BENCH_SEARCH_INDEX_ONLY=1, BENCH_SEARCH_INDEX_FLAGS: indexing alone, see lib/search_bench.py
#   BENCH_WORK, BENCH_KEEP=1: where to work, and keep it afterwards (BENCH_SEARCH_REUSE=1: reuse its store)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
jar=${BENCH_JAR:-$repo/target/fss.jar}
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  (cd "$repo" && ./mvnw -B -q package -DskipTests) >&2
fi
[ -f "$jar" ] || { echo "search.sh: no jar at $jar" >&2; exit 1; }
work=${BENCH_WORK:-$(mktemp -d /tmp/fss-search-bench.XXXXXX)}
mkdir -p "$work"
trap '[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"' EXIT
# the jars are copied: a rebuild of target/ during the run must not change what is measured
cp "$jar" "$work/after.jar"
base=${BENCH_BASE_JAR:-}
ref=${BENCH_BASE_REF:-main}
if [ -z "$base" ] && [ "$ref" != none ]; then
  rm -rf "$work/base-src"
  mkdir -p "$work/base-src"
  git -C "$repo" archive "$ref" | tar -x -C "$work/base-src"
  echo "building the baseline ($ref = $(git -C "$repo" rev-parse --short "$ref"))" >&2
  (cd "$work/base-src" && ./mvnw -B -q package -DskipTests) >&2
  base=$work/base-src/target/fss.jar
fi
if [ -n "$base" ]; then
  cp "$base" "$work/before.jar"
  base=$work/before.jar
fi
exec /usr/bin/python3 "$here/lib/search_bench.py" "$work/after.jar" "$work" "$base"
