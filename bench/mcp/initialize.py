import os, subprocess, sys, time
J17="/usr/lib/jvm/java-17-openjdk-amd64/bin/java"; J25="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
SDKCP=open("sdk/fullcp.txt").read().strip()
P17=[J17,"-XX:TieredStopAtLevel=1","-XX:-UsePerfData"]; P25=[J25,"-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-XX:-UsePerfData","-Xlog:disable","-Xlog:all=warning,aot*=off:stderr"]
servers = {
 "fss mcp, 17 AppCDS": P17+["-Xshare:auto","-XX:SharedArchiveFile=fss17.jsa","-cp","fss.jar","io.github.fss.Main","mcp"],
 "fss mcp, 25 AOT": P25+["-XX:AOTCache=fss25.aot","-cp","fss.jar","io.github.fss.Main","mcp"],
 "fss mcp, 17 none": P17+["-cp","fss.jar","io.github.fss.Main","mcp"],
 "SDK 2.1.0, 25 AOT": P25+["-XX:AOTCache=sdk/sdk25.aot","-cp",SDKCP,"SdkServer"],
 "SDK 2.1.0, 17 none": P17+["-cp",SDKCP,"SdkServer"],
}
controls = {"fss --version, 17 AppCDS": P17+["-Xshare:auto","-XX:SharedArchiveFile=fss17.jsa","-cp","fss.jar","io.github.fss.Main","--version"]}
env = dict(os.environ, HOME="/tmp/mcpbench/home", FSS_HOME="/tmp/mcpbench/home/fss"); env.pop("JAVA_TOOL_OPTIONS", None)
init = b'{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}\n'
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 12
res = {k: [] for k in list(servers)+list(controls)}; rss = {k: [] for k in servers}
names = list(servers)+list(controls)
for r in range(rounds + 1):
    order = names[r % len(names):] + names[:r % len(names)]
    if r % 2: order = order[::-1]
    for k in order:
        t0 = time.perf_counter()
        if k in controls:
            subprocess.run(controls[k], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            if r: res[k].append((time.perf_counter()-t0)*1000)
            continue
        p = subprocess.Popen(servers[k], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd="/tmp/mcpbench")
        p.stdin.write(init); p.stdin.flush()
        line = p.stdout.readline(); t1 = time.perf_counter()
        assert b'"protocolVersion"' in line, (k, line)
        time.sleep(0.5)
        kb = int([l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")][0].split()[1])
        p.stdin.close()
        try: p.wait(timeout=3)
        except subprocess.TimeoutExpired: p.kill(); p.wait()
        if r: res[k].append((t1-t0)*1000); rss[k].append(kb/1024)
med = lambda xs: sorted(xs)[len(xs)//2]
ctl = med(res["fss --version, 17 AppCDS"])
print(f"load average at end: {os.getloadavg()}")
for k in names:
    extra = f"; idle RSS {med(rss[k]):.0f} MB" if k in rss else ""
    print(f"| {k} | {med(res[k]):.0f} | {min(res[k]):.0f}–{max(res[k]):.0f} | {med(res[k])/ctl:.2f}× |{extra}")
