#!/bin/sh
# install.sh: build fireworks-sessions-saver, install `fss` for this user, and make the JVM
# start-up archives that keep the agent hooks fast. Re-running it is safe: the same sources and
# JDK give the same files, and what a previous version left is removed.
#
#   ./install.sh [--prefix DIR] [--java JAVA_HOME|BIN_DIR|JAVA] [--no-agents]
#
# What it writes:
#   ${XDG_DATA_HOME:-~/.local/share}/fireworks-sessions-saver/fss-VERSION-HASH8.jar
#       the jar, named after its version and the first 8 hex digits of its SHA-256, so a hook
#       that is starting while an upgrade runs never sees a half-written jar
#   ${XDG_CACHE_HOME:-~/.cache}/fireworks-sessions-saver/fss-VERSION-HASH8-JAVARUNTIMEVERSION-GROUP.aot|.jsa
#       the start-up archives, one per verb group, each made by a training run (launch/Training):
#       GROUP core (the hooks and common verbs), read (list, restore, dashboard; JDK 25+ only)
#       and history (index, search, mcp, ui). A name
#       holds everything its archive depends on (tool version, jar hash, java.runtime.version), so
#       any change gives a new name and a new archive: the JVM's own staleness checks are not
#       trusted (Temurin 25.0.3 accepts an AOT cache made for another jar, JDK-8377932)
#   PREFIX/fss (default ~/.local/bin/fss)
#       the launcher: bin/fss with the JDK, the jar and that JDK's flags filled in
#
# JDK: the one given with --java, else the newest JDK 17+ among $JAVA_HOME, the java on PATH
# and /usr/lib/jvm/* (and macOS's JavaVirtualMachines). JDK 25+ gets AOT caches, JDK 17-24
# static AppCDS archives (measured in shared/reference/java-startup.md).
set -eu

usage() {
  cat <<'EOF'
usage: ./install.sh [--prefix DIR] [--java JAVA_HOME|BIN_DIR|JAVA] [--no-agents]

Builds fss, installs the launcher as DIR/fss (default ~/.local/bin) and its jar under
${XDG_DATA_HOME:-~/.local/share}/fireworks-sessions-saver, and makes the JVM start-up archives in
${XDG_CACHE_HOME:-~/.cache}/fireworks-sessions-saver.

  --prefix DIR   where to put the fss launcher (default ~/.local/bin)
  --java PATH    the JDK to run fss with: a JAVA_HOME, its bin directory or its java
                 (default: the newest JDK 17+ found in $JAVA_HOME, PATH and /usr/lib/jvm)
  --no-agents    do not print the next steps for the agents (fss install claude|codex)
EOF
}

say() { printf '%s\n' "$*"; }
warn() { printf 'fss: %s\n' "$*" >&2; }
die() { warn "$*"; exit 1; }

PREFIX=
JAVA_ARG=
AGENTS=1
while [ $# -gt 0 ]; do
  case $1 in
  --prefix) [ $# -ge 2 ] || { warn "install: --prefix needs a directory"; exit 2; }; PREFIX=$2; shift 2 ;;
  --prefix=*) PREFIX=${1#--prefix=}; shift ;;
  --java) [ $# -ge 2 ] || { warn "install: --java needs a JDK path"; exit 2; }; JAVA_ARG=$2; shift 2 ;;
  --java=*) JAVA_ARG=${1#--java=}; shift ;;
  --no-agents) AGENTS=0; shift ;;
  -h | --help) usage; exit 0 ;;
  *) warn "install: unknown option '$1' (./install.sh --help lists them)"; exit 2 ;;
  esac
done

[ -n "${HOME:-}" ] || die "install needs HOME to be set"
REPO=$(cd "$(dirname "$0")" && pwd -P)
[ -n "$PREFIX" ] || PREFIX=$HOME/.local/bin
DATA_DIR=${XDG_DATA_HOME:-$HOME/.local/share}/fireworks-sessions-saver
CACHE_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/fireworks-sessions-saver

# ---------------------------------------------------------------------------------------------
# Finding a JDK

# Follows symbolic links to the file itself (readlink -f is not everywhere).
resolve_links() {
  f=$1
  n=0
  while [ -h "$f" ] && [ $n -lt 40 ]; do
    l=$(readlink "$f")
    case $l in
    /*) f=$l ;;
    *) f=$(dirname "$f")/$l ;;
    esac
    n=$((n + 1))
  done
  printf '%s\n' "$f"
}

# Prints the JDK home for a JAVA_HOME, a bin directory or a java executable; nothing if none.
java_home_of() {
  p=$1
  [ -n "$p" ] || return 0
  if [ -f "$p/bin/java" ] && [ -x "$p/bin/java" ]; then
    (cd "$p" && pwd -P)
  elif [ -f "$p/java" ] && [ -x "$p/java" ]; then
    (cd "$(dirname "$(resolve_links "$p/java")")/.." && pwd -P)
  elif [ -f "$p" ] && [ -x "$p" ]; then
    (cd "$(dirname "$(resolve_links "$p")")/.." && pwd -P)
  fi
}

# Prints the feature version (17, 21, 25, ...) of a JDK home, or 0.
feature_of() {
  v=
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1) || v=
  fi
  case $v in 1.*) v=${v#1.} ;; esac
  v=${v%%[!0-9]*}
  printf '%s\n' "${v:-0}"
}

JDK=
JDK_FEATURE=0
consider() {
  [ -n "$1" ] || return 0
  h=$(java_home_of "$1") || h=
  [ -n "$h" ] || return 0
  f=$(feature_of "$h")
  if [ "$f" -ge 17 ] && [ "$f" -gt "$JDK_FEATURE" ]; then
    JDK=$h
    JDK_FEATURE=$f
  fi
}

if [ -n "$JAVA_ARG" ]; then
  h=$(java_home_of "$JAVA_ARG") || h=
  [ -n "$h" ] || die "install needs a JDK 17 or newer (--java $JAVA_ARG: no java there)"
  f=$(feature_of "$h")
  [ "$f" -ge 17 ] || die "install needs a JDK 17 or newer (--java $JAVA_ARG is JDK $f)"
  JDK=$h
  JDK_FEATURE=$f
else
  consider "${JAVA_HOME:-}"
  consider "$(command -v java 2>/dev/null || true)"
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && consider "$d"
  done
  [ -n "$JDK" ] || die "install needs a JDK 17 or newer (none found: set JAVA_HOME or pass --java)"
fi
JAVA=$JDK/bin/java

# java.runtime.version names the archive: the JVM checks the one it was made by.
RUNTIME_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 |
  sed -n 's/^ *java\.runtime\.version = //p' | head -n 1) || RUNTIME_VERSION=
if [ -z "$RUNTIME_VERSION" ] && [ -r "$JDK/release" ]; then
  RUNTIME_VERSION=$(sed -n 's/^JAVA_RUNTIME_VERSION="\([^"]*\)".*/\1/p' "$JDK/release" | head -n 1)
fi
[ -n "$RUNTIME_VERSION" ] || die "install: $JAVA does not start (java -version failed)"
say "JDK $JDK_FEATURE: $JDK ($RUNTIME_VERSION)"

# ---------------------------------------------------------------------------------------------
# Building the jar

# Maven runs on the JDK it would use anyway when that is a JDK 17+ with javac (on JDK 24+ Maven
# prints sun.misc.Unsafe warnings), else on the chosen one, else on any JDK 17+ with javac.
has_javac() { [ -x "$1/bin/javac" ]; }
BUILD_JDK=
default_jdk=$(java_home_of "${JAVA_HOME:-}") || default_jdk=
[ -n "$default_jdk" ] || { default_jdk=$(java_home_of "$(command -v java 2>/dev/null || true)") || default_jdk=; }
if [ -n "$default_jdk" ] && [ "$(feature_of "$default_jdk")" -ge 17 ] && has_javac "$default_jdk"; then
  BUILD_JDK=$default_jdk
elif has_javac "$JDK"; then
  BUILD_JDK=$JDK
else
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -d "$d" ] && has_javac "$d" && [ "$(feature_of "$d")" -ge 17 ]; then
      BUILD_JDK=$(cd "$d" && pwd -P)
      break
    fi
  done
fi
[ -n "$BUILD_JDK" ] || die "install needs a JDK 17 or newer with javac to build ($JDK has no javac: pass --java a full JDK)"

# Maven: the wrapper (pinned version, fetched once from Maven Central), else mvn on PATH.
MVN=
if [ -f "$REPO/mvnw" ] && JAVA_HOME=$BUILD_JDK sh "$REPO/mvnw" -q -v >/dev/null 2>&1; then
  MVN=./mvnw
elif command -v mvn >/dev/null 2>&1; then
  MVN=mvn
else
  die "install needs Maven (mvn) to build: ./mvnw could not fetch it from Maven Central and no mvn is on PATH"
fi
say "building with $MVN (JDK $BUILD_JDK)"
run_mvn() { if [ "$MVN" = ./mvnw ]; then sh ./mvnw "$@"; else mvn "$@"; fi; }
(cd "$REPO" && JAVA_HOME=$BUILD_JDK && export JAVA_HOME && run_mvn -q -B package -DskipTests) ||
  die "install: the build failed (the Maven output above says why)"
BUILT=$REPO/target/fss.jar
[ -f "$BUILT" ] || die "install: the build made no $BUILT"

VERSION=$("$JAVA" -cp "$BUILT" io.github.fss.Main --version 2>/dev/null | sed -n 's/^fss //p' | head -n 1) || VERSION=
[ -n "$VERSION" ] || die "install: $BUILT does not run on $JAVA (fss --version failed)"

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1"
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1"
  else openssl dgst -sha256 -r "$1"
  fi | cut -c 1-8
}
HASH8=$(sha256 "$BUILT")
safe() { printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_'; }
STEM=fss-$(safe "$VERSION")-$HASH8

# ---------------------------------------------------------------------------------------------
# Installing the jar

mkdir -p "$DATA_DIR" "$CACHE_DIR" "$PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)
JAR=$DATA_DIR/$STEM.jar
if [ -f "$JAR" ] && cmp -s "$BUILT" "$JAR"; then
  say "jar: $JAR (unchanged)"
else
  cp "$BUILT" "$JAR.tmp.$$"
  mv -f "$JAR.tmp.$$" "$JAR"
  say "jar: $JAR"
fi

# ---------------------------------------------------------------------------------------------
# The start-up profile of this JDK and its archive
#
# Every flag here was measured (shared/reference/java-startup.md, bench/startup.sh):
#   -XX:TieredStopAtLevel=1   C1 only: short runs never reach C2, and C2 compiles cost CPU
#   -XX:-UsePerfData          no hsperfdata file to create and mmap: -1 to -4 ms
#   -Xlog:disable -Xlog:all=warning:stderr
#                             the JVM logs warnings to STDOUT by default; a hook's stdout is
#                             read by the agent, so JVM messages go to stderr (or nowhere)
#   -D(sun.)stdout/stderr.encoding=UTF-8
#                             hook output is JSON in UTF-8 whatever the locale: under LANG=C the
#                             JVM would print every non-ASCII character of a prompt as '?'
#   JDK 25+: -XX:AOTCache (one-step AOTCacheOutput training, JEP 514/515) with SerialGC, which
#     starts faster than G1 with a cache; ",aot*=off" also silences the three [error][aot] lines
#     JDK 25 prints on every start when the cache is unusable: a stale cache only makes it
#     slower, and `fss doctor` says so. No -Xshare flag: AOTCacheOutput refuses them.
#   JDK 17-24: -XX:SharedArchiveFile (static AppCDS from a class list) with the default G1: on
#     JDK 17 the archived heap objects need G1 (SerialGC loses them, +4 ms). -Xshare:auto (the
#     default, written out) falls back to no archive instead of failing.
#   The launcher leaves the archive flag out when the file is missing (see bin/fss).
#   No -Xmx: see the note in bench/startup.sh's results; the JVM reserves, not commits, the heap.
#   Archives per verb group (bin/fss picks one by the first argument, with a `case`):
#     core     the hooks, the spool drain, help, --version, diff, save, doctor, handoff, and every
#              verb not named below
#     read     list, restore, dashboard (JDK 25+; on JDK 17-24 these use the core archive)
#     history  index, search, search-server, mcp, ui: the verbs that open the Lucene index
#   because a JDK 25 AOT cache (AOTCacheOutput turns AOT class linking on) loads and links every
#   class it holds at start-up: one archive trained on everything made `fss --version` and every
#   hook load ~3,400 classes, 1,300 of them Lucene's, where the core archive loads ~1,700; and
#   list, restore and dashboard with an archive of their own (~1,200 classes, trained on a store the
#   hooks made in another process) take 0.92-0.93x the wall and CPU time they take with the core
#   one (bench/RESULTS.md, "Start-up: the read archive").
if [ "$JDK_FEATURE" -ge 25 ]; then
  EXT=aot
  KIND="AOT cache"
  set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData
  LOG_FLAGS="-Xlog:disable -Xlog:all=warning,aot*=off:stderr"
  USE_OPTION=-XX:AOTCache=
  CHECK_FLAG=-XX:AOTMode=on
else
  EXT=jsa
  KIND="AppCDS archive"
  # JDK 17-24 load an archive's classes lazily, when asked for, so one archive would do; two are
  # still better (measured on JDK 17.0.15, 15 interleaved rounds, load 9 on 2 cores): with the core
  # archive instead of one trained on everything, `fss --version` takes 0.91x the wall time, 0.83x
  # the CPU and 38 MB RSS instead of 47, `fss list` 0.98x / 0.92x; `fss search` with the history
  # archive 0.96x / 0.98x (bench/RESULTS.md, "Start-up: one archive per verb group")
  set -- -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto
  LOG_FLAGS="-Xlog:disable -Xlog:all=warning:stderr"
  USE_OPTION=-XX:SharedArchiveFile=
  CHECK_FLAG=-Xshare:on
fi
# The archive of a group.
archive_of() { printf '%s\n' "$CACHE_DIR/$STEM-$(safe "$RUNTIME_VERSION")-$1.$EXT"; }
ARCHIVE_CORE=$(archive_of core)
ARCHIVE_HISTORY=$(archive_of history)
# JDK 17-24 load an archive's classes when asked for: the core archive serves the read verbs too
if [ "$JDK_FEATURE" -ge 25 ]; then
  ARCHIVE_READ=$(archive_of read)
  ARCHIVE_GROUPS="core read history"
else
  ARCHIVE_READ=$ARCHIVE_CORE
  ARCHIVE_GROUPS="core history"
fi
# JDK 22+ warns on stderr, five lines per run, when zstd-jni (compressed Codex rollouts) calls
# System.load without this; the jar's Enable-Native-Access manifest entry only counts under -jar.
# It is part of the profile, so the archive is trained and checked with it too.
if [ "$JDK_FEATURE" -ge 22 ]; then
  set -- "$@" --enable-native-access=ALL-UNNAMED
fi
if [ "$JDK_FEATURE" -ge 19 ]; then
  ENCODING_FLAGS="-Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8"
else
  ENCODING_FLAGS="-Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8"
fi
PROFILE="$*"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fss-install.XXXXXX")
cleanup() {
  rm -rf "$WORK"
  for a in "$ARCHIVE_CORE" "$ARCHIVE_READ" "$ARCHIVE_HISTORY"; do rm -f "$a.tmp.$$" "$a.tmp.$$.config"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

# Whether an archive maps ($1: its path): with -Xshare:on / -XX:AOTMode=on the JVM fails instead
# of falling back, and its reason goes to the log.
# shellcheck disable=SC2086 # PROFILE is a list of words
archive_works() {
  out=$("$JAVA" $PROFILE "$USE_OPTION$1" $CHECK_FLAG -Xlog:disable -Xlog:all=warning:stderr \
    -cp "$JAR" io.github.fss.Main --version 2>>"$WORK/archive.log") || return 1
  [ "$out" = "fss $VERSION" ]
}

# Makes the archive of group $1 at $2 under a temporary name, checks that it maps, then renames it
# into place. One training run per group (launch/Training: core, read or history); the read group's
# store is made first by the hooks in a JVM of its own, which records nothing.
# shellcheck disable=SC2086
make_archive() {
  tmp=$2.tmp.$$
  log=$WORK/training-$1.log
  rm -f "$tmp"
  rm -rf "$WORK/train-$1"
  mkdir -p "$WORK/train-$1"
  if [ "$1" = read ]; then
    "$JAVA" $PROFILE -cp "$JAR" io.github.fss.launch.Training "$WORK/train-$1" hook >>"$log" 2>&1 ||
      { cat "$log" >>"$WORK/archive.log"; return 1; }
  fi
  if [ "$JDK_FEATURE" -ge 25 ]; then
    # one training run records and assembles the cache (the JVM forks a child at exit to write it)
    "$JAVA" $PROFILE "-XX:AOTCacheOutput=$tmp" -cp "$JAR" io.github.fss.launch.Training "$WORK/train-$1" "$1" \
      >>"$log" 2>&1 || { cat "$log" >>"$WORK/archive.log"; return 1; }
  else
    # the class list of the training run, then the archive of those classes
    "$JAVA" -Xshare:off "-XX:DumpLoadedClassList=$WORK/classes-$1.lst" -cp "$JAR" \
      io.github.fss.launch.Training "$WORK/train-$1" "$1" >>"$log" 2>&1 || { cat "$log" >>"$WORK/archive.log"; return 1; }
    "$JAVA" -Xshare:dump "-XX:SharedClassListFile=$WORK/classes-$1.lst" "-XX:SharedArchiveFile=$tmp" \
      -cp "$JAR" >>"$log" 2>&1 || { cat "$log" >>"$WORK/archive.log"; return 1; }
  fi
  cat "$log" >>"$WORK/archive.log"
  [ -s "$tmp" ] && archive_works "$tmp" || return 1
  mv -f "$tmp" "$2"
  # a step of the training that failed still leaves a working (if less complete) archive
  if grep '^fss training:' "$log" >"$WORK/training.err"; then
    warn "some $1 training commands failed; the archive covers the others:"
    sed 's/^/  /' "$WORK/training.err" >&2
  fi
}

ARCHIVE_OK=1
for group in $ARCHIVE_GROUPS; do
  archive=$(archive_of "$group")
  if [ -f "$archive" ] && archive_works "$archive"; then
    say "$KIND: $archive (unchanged)"
  else
    rm -f "$archive"
    started=$(date +%s)
    if make_archive "$group" "$archive"; then
      say "$KIND: $archive (made in $(($(date +%s) - started)) s)"
    else
      ARCHIVE_OK=0
      rm -f "$archive" "$archive.tmp.$$"
      warn "could not make the $group $KIND, so fss will start slower (+25 to +40 ms CPU per command). JVM output:"
      tail -n 15 "$WORK/archive.log" | sed 's/^/  /' >&2
    fi
  fi
done

# ---------------------------------------------------------------------------------------------
# The launcher

# Quotes a word for sh: 'it'\''s'
sq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

LAUNCHER=$PREFIX/fss
# The release file's JAVA_RUNTIME_VERSION line as it is now: the launcher compares it on every
# start (shell built-ins only) to notice a JDK updated in place, e.g. by the package manager.
JDK_ID=
if [ -r "$JDK/release" ]; then
  JDK_ID=$(grep '^JAVA_RUNTIME_VERSION=' "$JDK/release" | head -n 1) || JDK_ID=
fi
FLAGS="$PROFILE $LOG_FLAGS $ENCODING_FLAGS"
# The build this launcher starts, as its shell client of the search server names it (it cannot stat
# the jar without a fork): the version, the installed jar's checksum and size, the JDK's build. The
# server, started by this launcher, gets it in FSS_BUILD and answers only that shell client.
BUILD_ID="$VERSION $(cksum <"$JAR" | awk '{print $1 "-" $2}') ${JDK_ID#JAVA_RUNTIME_VERSION=}"
[ -f "$REPO/bin/fss" ] || die "install: the launcher template $REPO/bin/fss is missing"
FSS_V_JAVA=$(sq "$JAVA") FSS_V_JAR=$(sq "$JAR") FSS_V_LAUNCHER=$(sq "$LAUNCHER") FSS_V_FLAGS=$FLAGS \
  FSS_V_ARCHIVE=$(sq "$ARCHIVE_CORE") FSS_V_ARCHIVE_HISTORY=$(sq "$ARCHIVE_HISTORY") FSS_V_ARCHIVE_READ=$(sq "$ARCHIVE_READ") \
  FSS_V_ARCHIVE_OPTION=$USE_OPTION FSS_V_JDK_ID=$(sq "$JDK_ID") FSS_V_BUILD=$(sq "$BUILD_ID") \
  awk '
    function fill(s, key, value,   i, out) {
      out = ""
      while ((i = index(s, key)) > 0) { out = out substr(s, 1, i - 1) value; s = substr(s, i + length(key)) }
      return out s
    }
    {
      $0 = fill($0, "@FSS_JAVA@", ENVIRON["FSS_V_JAVA"])
      $0 = fill($0, "@FSS_JAR@", ENVIRON["FSS_V_JAR"])
      $0 = fill($0, "@FSS_LAUNCHER@", ENVIRON["FSS_V_LAUNCHER"])
      $0 = fill($0, "@FSS_FLAGS@", ENVIRON["FSS_V_FLAGS"])
      $0 = fill($0, "@FSS_ARCHIVE_OPTION@", ENVIRON["FSS_V_ARCHIVE_OPTION"])
      $0 = fill($0, "@FSS_ARCHIVE_HISTORY@", ENVIRON["FSS_V_ARCHIVE_HISTORY"])
      $0 = fill($0, "@FSS_ARCHIVE_READ@", ENVIRON["FSS_V_ARCHIVE_READ"])
      $0 = fill($0, "@FSS_ARCHIVE@", ENVIRON["FSS_V_ARCHIVE"])
      $0 = fill($0, "@FSS_JDK_ID@", ENVIRON["FSS_V_JDK_ID"])
      $0 = fill($0, "@FSS_BUILD@", ENVIRON["FSS_V_BUILD"])
      print
    }' "$REPO/bin/fss" >"$LAUNCHER.tmp.$$"
chmod 755 "$LAUNCHER.tmp.$$"
mv -f "$LAUNCHER.tmp.$$" "$LAUNCHER"
say "launcher: $LAUNCHER"

# The launcher must answer; a broken install is worse than none.
got=$("$LAUNCHER" --version 2>"$WORK/launcher.err") || got=
if [ "$got" != "fss $VERSION" ]; then
  cat "$WORK/launcher.err" >&2
  die "install: $LAUNCHER --version printed '$got', not 'fss $VERSION'"
fi

# ---------------------------------------------------------------------------------------------
# Removing what earlier versions left (only our own name patterns, only in our own directories)

removed=0
for f in "$DATA_DIR"/fss-*.jar "$DATA_DIR"/fss-*.jar.tmp.* "$CACHE_DIR"/fss-*.aot "$CACHE_DIR"/fss-*.jsa \
  "$CACHE_DIR"/fss-*.tmp.*; do
  [ -e "$f" ] || continue
  case $f in "$JAR" | "$ARCHIVE_CORE" | "$ARCHIVE_READ" | "$ARCHIVE_HISTORY") continue ;; esac
  # another install.sh may be writing its temp files right now
  case $f in *.tmp.*) [ -n "$(find "$f" -mmin +60 2>/dev/null)" ] || continue ;; esac
  rm -f "$f"
  removed=$((removed + 1))
done
[ $removed -eq 0 ] || say "removed $removed file(s) of earlier versions"

if [ "$ARCHIVE_OK" -eq 1 ]; then
  say "installed fss $VERSION"
else
  say "installed fss $VERSION (without all its start-up archives: run ./install.sh again to retry)"
fi
case ":${PATH:-}:" in
*":$PREFIX:"*) ;;
*)
  say ""
  say "$PREFIX is not on your PATH. Add it, e.g. in ~/.profile:"
  say "  export PATH=\"$PREFIX:\$PATH\""
  ;;
esac
if [ "$AGENTS" -eq 1 ]; then
  say ""
  say "Next, connect the agents (this script does not change their settings):"
  say "  fss install claude    # Claude Code hooks and skill"
  say "  fss install codex     # Codex hooks, notify and skill"
  say "  fss demo              # see what a restored session looks like"
fi
