#!/bin/sh
# How fast `fss mcp` answers initialize, against the official MCP Java SDK 2.1.0 serving the same
# five tool shapes (SdkServer.java), each in its best start-up mode, with `fss --version` as the
# control run in the same interleaved rounds. Usage: bench/mcp/run.sh [ROUNDS]  (after ./mvnw package)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$HERE/../..
W=${FSS_BENCH_DIR:-/tmp/fss-bench-mcp}
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
rm -rf "$W" && mkdir -p "$W/sdk/src" && cd "$W"
cp "$REPO/target/fss.jar" fss.jar
# the archives install.sh would make: a static AppCDS archive (17) and an AOT cache (25)
"$J17" -Xshare:off -XX:DumpLoadedClassList=classes.lst -XX:TieredStopAtLevel=1 -cp fss.jar io.github.fss.launch.Training t17 all 2>/dev/null
"$J17" -Xshare:dump -XX:SharedClassListFile=classes.lst -XX:SharedArchiveFile=fss17.jsa -cp fss.jar >/dev/null
"$J25" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -XX:AOTCacheOutput=fss25.aot -cp fss.jar io.github.fss.launch.Training t25 all 2>/dev/null >/dev/null
# the SDK server, and its AOT cache trained on initialize + tools/list (SdkServer waits forever: TERM ends it)
cp "$HERE/sdk-pom.xml" sdk/pom.xml && cp "$HERE/SdkServer.java" sdk/src/
(cd sdk && "$REPO/mvnw" -B -q dependency:build-classpath -Dmdep.outputFile=deps.txt && javac -d classes -cp "$(cat deps.txt)" src/SdkServer.java 2>/dev/null \
  && (cd classes && jar cf ../sdkserver.jar .) && echo "$W/sdk/sdkserver.jar:$(cat deps.txt)" > fullcp.txt)
(printf '%s\n' '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"b","version":"1"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'; sleep 4) \
  | timeout -s TERM 8 "$J25" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -XX:AOTCacheOutput=sdk/sdk25.aot \
    -cp "$(cat sdk/fullcp.txt)" SdkServer >/dev/null 2>&1 || true
python3 "$HERE/initialize.py" "${1:-12}"
