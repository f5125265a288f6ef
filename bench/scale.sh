#!/usr/bin/env bash
# bench/scale.sh: fss over a large store, main's build against this checkout's, side by side.
#
#   bench/scale.sh            (env: BENCH_SCALE_SESSIONS=20000 BENCH_SCALE_PROJECTS=200
#                              BENCH_SCALE_PER_PROJECT=100 BENCH_SCALE_ROUNDS=5
#                              BENCH_SCALE_BEFORE=main (a git ref) BENCH_SCALE_AFTER=REF (default:
#                              this working tree) BENCH_WORK=DIR BENCH_KEEP=1)
#
# Installs both builds with ./install.sh --prefix into a temp dir (XDG_DATA_HOME/XDG_CACHE_HOME
# there too, so each gets its own jar and start-up archive), writes two stores in the real format
# (bench/lib/scale_store.py: one project of BENCH_SCALE_SESSIONS sessions, and BENCH_SCALE_PROJECTS
# projects of BENCH_SCALE_PER_PROJECT), gives each build its own copy, and times through the
# installed launchers, interleaved (bench/lib/measure.py): fss list, fss restore (the latest),
# fss restore <id>, a Claude SessionStart hook (fss hook claude, a startup event on stdin) in the big
# project, and fss dashboard over the many projects (as it is by default, and with --limit 0: every
# session, which is what it showed before it had --limit); fss --version and a bare `java Hello` (the
# launcher's JDK) as the yardstick of a JVM's start in the same run. The first run of the new build on each store
# builds its summary: timed on its own. Results: $BENCH_WORK/scale.json and a table on stdout.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
PY=/usr/bin/python3
SESSIONS=${BENCH_SCALE_SESSIONS:-20000}
PROJECTS=${BENCH_SCALE_PROJECTS:-200}
PER=${BENCH_SCALE_PER_PROJECT:-100}
ROUNDS=${BENCH_SCALE_ROUNDS:-5}
BEFORE=${BENCH_SCALE_BEFORE:-main}

if [ -n "${BENCH_WORK:-}" ]; then mkdir -p "$BENCH_WORK"; own=0; else BENCH_WORK=$(mktemp -d /tmp/fss-scale.XXXXXX); own=1; fi
W=$(cd "$BENCH_WORK" && pwd)
cleanup() { if [ "$own" = 1 ] && [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$W"; fi; }
trap cleanup EXIT

install_build() { # name source-dir
  local name=$1 src=$2
  if [ ! -x "$W/$name/bin/fss" ]; then
    echo "installing $name from $src" >&2
    XDG_DATA_HOME="$W/$name/data" XDG_CACHE_HOME="$W/$name/cache" \
      sh "$src/install.sh" --prefix "$W/$name/bin" --no-agents >"$W/$name.install.log" 2>&1 ||
      { tail -20 "$W/$name.install.log" >&2; exit 1; }
  fi
}

# a build of a commit, apart from the working tree (whose target/ a test run may be using); a
# reused BENCH_WORK keeps each side's install only while it is of the same commit
from_commit() { # name ref
  local name=$1 commit
  commit=$(git -C "$repo" rev-parse --verify "$2^{commit}")
  if [ "$(cat "$W/$name.commit" 2>/dev/null)" != "$commit" ]; then
    rm -rf "$W/$name-src" "$W/$name/bin" "$W/$name/data" "$W/$name/cache" && mkdir -p "$W/$name-src"
    git -C "$repo" archive "$commit" | tar -x -C "$W/$name-src"
    echo "$commit" > "$W/$name.commit"
  fi
  install_build "$name" "$W/$name-src"
}
mkdir -p "$W/before" "$W/after"
from_commit before "$BEFORE"
if [ -n "${BENCH_SCALE_AFTER:-}" ]; then
  from_commit after "$BENCH_SCALE_AFTER"
else
  rm -f "$W/after.commit"
  install_build after "$repo"
fi

# ---- stores
mkrepo() { mkdir -p "$1" && git -C "$1" init -q -b main && git -C "$1" -c user.email=b@b -c user.name=b commit -q --allow-empty -m init; }
if [ ! -f "$W/stores.done" ]; then
  rm -rf "$W/gen" && mkdir -p "$W/gen/tmpl-home" "$W/roots-one" "$W/roots-many"
  mkrepo "$W/gen/tmpl"
  (cd "$W/gen/tmpl" && printf 'x\n' > a.txt &&
    FSS_HOME="$W/gen/tmpl-home" HOME="$W/gen" "$W/after/bin/fss" save --action checkpoint --session tmpl \
      --summary "Moved the parser to a streaming reader; the old one stays behind a flag" \
      --current-task "make the importer stream large transcripts instead of reading them whole" \
      --files "src/main/java/Reader.java:editing,src/main/java/Importer.java:editing,README.md:reference,docs/design.md:reference" \
      --decisions "stream with a bounded buffer;keep the old reader for one release" \
      --open-questions "should the buffer size be configurable?;what about zstd input?" \
      --commands "./mvnw test;git diff --stat" >/dev/null)
  tmpl=$(ls "$W"/gen/tmpl-home/projects/*/tmpl.json)
  echo "writing $SESSIONS sessions in one project and $PROJECTS x $PER" >&2
  $PY "$here/lib/scale_store.py" "$tmpl" "$W/gen/one" "$W/roots-one" 1 "$SESSIONS" >/dev/null
  $PY "$here/lib/scale_store.py" "$tmpl" "$W/gen/many" "$W/roots-many" "$PROJECTS" "$PER" >/dev/null
  mkrepo "$W/roots-one/p000"
  for ((p = 0; p < PROJECTS; p++)); do mkrepo "$W/roots-many/$(printf 'p%03d' $p)"; done
  touch "$W/stores.done"
fi
for side in before after; do
  rm -rf "$W/$side/one" "$W/$side/many" "$W/$side/home"
  cp -a "$W/gen/one" "$W/$side/one"
  cp -a "$W/gen/many" "$W/$side/many"
  mkdir -p "$W/$side/home"
done
proj="$W/roots-one/p000"
some_id=$(cd "$W/gen/one/projects"/*/ && ls | grep '\.json$' | sort | sed -n "$((SESSIONS / 2))p" | sed 's/\.json$//')
printf '{"session_id":"bench-new-session","hook_event_name":"SessionStart","source":"startup","cwd":"%s","transcript_path":"%s/none.jsonl"}\n' \
  "$proj" "$W" > "$W/start.json"

# the yardstick, measured in the same run: a bare JVM start (java Hello, the JDK the launcher runs)
java_bin=$(sed -n "s/^FSS_JAVA='\(.*\)'$/\1/p" "$W/after/bin/fss")
mkdir -p "$W/hello"
if [ ! -f "$W/hello/Hello.class" ]; then
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$W/hello/Hello.java"
  "$(dirname "$java_bin")/javac" -d "$W/hello" "$W/hello/Hello.java"
fi

dash_src() { # the Dashboard verb's source of a side's build
  local d=$W/$1-src; [ "$1" = after ] && [ ! -f "$W/after.commit" ] && d=$repo
  echo "$d/src/main/java/io/github/fss/cli/Dashboard.java"
}
$PY - "$W" "$ROUNDS" "$proj" "$some_id" "$here/lib" "$java_bin" "$(dash_src before)" "$(dash_src after)" <<'PYEOF'
import json, os, sys
W, rounds, proj, some_id, lib, java_bin = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
# `dashboard --limit 0` where the build has the flag (it showed every session before it had it)
limit0 = {side: (["--limit", "0"] if "--limit" in open(sys.argv[6 + i]).read() else [])
          for i, side in ((1, "before"), (2, "after"))}
sys.path.insert(0, lib)
import measure

def env(side, store):
    return {"HOME": W + "/" + side + "/home", "FSS_HOME": W + "/" + side + "/" + store,
            "XDG_DATA_HOME": W + "/" + side + "/data", "XDG_CACHE_HOME": W + "/" + side + "/cache"}

verbs = [("version", ["--version"], "one", proj, None),
         ("list", ["list"], "one", proj, None),
         ("restore", ["restore"], "one", proj, None),
         ("restore-id", ["restore", some_id], "one", proj, None),
         ("session-start", ["hook", "claude"], "one", proj, W + "/start.json"),
         ("dashboard", ["dashboard"], "many", W, None),
         # every session of every project: the dashboard before it showed the latest few
         ("dashboard-all", {"before": ["dashboard"] + limit0["before"], "after": ["dashboard"] + limit0["after"]},
          "many", W, None)]
cmds = []
cold = {}
for name, args, store, cwd, stdin in verbs:
    for side in ("before", "after"):
        argv = [W + "/" + side + "/bin/fss"] + (args[side] if isinstance(args, dict) else args)
        if side == "after" and store not in cold and name != "version":
            # the first read of each store builds its summary from the files
            w, cpu, rss, rc = measure.spawn(argv, stdin, env(side, store), cwd)
            cold[store] = {"verb": name, "wall_ms": w * 1000, "cpu_ms": cpu * 1000, "exit": rc}
            print("  first run of %s on the %s store (summary built): %.0f ms" % (name, store, w * 1000),
                  file=sys.stderr)
        cmds.append({"name": name + "@" + side, "argv": argv, "env": env(side, store), "cwd": cwd,
                     "stdin": stdin})
cmds.append({"name": "java-hello", "argv": [java_bin, "-cp", W + "/hello", "Hello"],
             "env": env("after", "one"), "cwd": W, "stdin": None})
spec = {"rounds": rounds, "warmup": 1, "commands": cmds, "tmp": W,
        "ratios": [[v[0] + "@after", v[0] + "@before"] for v in verbs]}
res = measure.run(spec)
res["summary_build"] = cold
res["load"] = os.getloadavg()
with open(W + "/scale.json", "w") as f:
    json.dump(res, f, indent=2)
print("load average %.1f %.1f %.1f; %d rounds, medians" % (res["load"] + (rounds,)))
print("%-14s %12s %12s %12s %12s %8s" % ("verb", "before wall", "after wall", "before cpu", "after cpu", "ratio"))
for v in verbs:
    b, a = res["commands"][v[0] + "@before"], res["commands"][v[0] + "@after"]
    r = res["ratios"][v[0] + "@after/" + v[0] + "@before"]["wall"]
    print("%-14s %9.0f ms %9.0f ms %9.0f ms %9.0f ms %8.3f" % (v[0], b["wall_ms"], a["wall_ms"], b["cpu_ms"],
          a["cpu_ms"], r))
h = res["commands"]["java-hello"]
print("%-14s %12s %9.0f ms %12s %9.0f ms   (the yardstick: a bare JVM start)" % ("java Hello", "", h["wall_ms"], "",
      h["cpu_ms"]))
for k, c in cold.items():
    print("summary built by the first %s on the %s store: %.0f ms wall, %.0f ms cpu" % (c["verb"], k, c["wall_ms"],
          c["cpu_ms"]))
PYEOF
