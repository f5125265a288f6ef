#!/usr/bin/env bash
# fss search benchmark: bench/search.sh   (sized to run in under a minute; see bench/README.md "Search")
# Indexes N synthetic Claude Code sessions, then times `fss search` per process (JVM start included).
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
exec /usr/bin/python3 "$here/lib/search_bench.py" "$jar" "$work"
