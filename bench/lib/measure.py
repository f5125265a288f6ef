"""Interleaved timing of a set of commands (the method of shared/reference/java-startup.md).

Every round runs every command once; the order rotates each round and is reversed every other round,
so both sides of a ratio see the same machine noise. Each command may have an untimed `prepare`
(e.g. append one turn to a transcript) run just before it. Commands are started with posix_spawn and
reaped with wait4: wall time is measured around the spawn, CPU is the child's user+sys and peak RSS
its ru_maxrss (what `/usr/bin/time -f %M` prints). Figures are medians after `warmup` rounds; a ratio
is the median of the per-round ratios.

Spec (JSON on argv[1]):
  {"rounds": 20, "warmup": 2,
   "commands": [{"name", "argv", "stdin"?, "env"?, "cwd"?, "prepare"?: argv}],
   "ratios": [["numerator name", "denominator name"], ...]}
Prints a JSON result on stdout: {"commands": {name: {wall_ms, cpu_ms, rss_kb, runs}}, "ratios": {...}}.
A command that exits non-zero stops the run with its stderr.
"""

import json
import os
import statistics
import sys
import time


def spawn(argv, stdin=None, env=None, cwd=None, out=os.devnull, err=os.devnull):
    """Runs argv to completion; returns (wall_s, cpu_s, maxrss_kb, exit_code)."""
    actions = [(os.POSIX_SPAWN_OPEN, 0, stdin or os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
               (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
    full_env = dict(os.environ)
    full_env.update(env or {})
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)  # posix_spawn has no cwd argument before Python 3.13
    try:
        t0 = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, full_env, file_actions=actions)
        _, status, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
    finally:
        os.chdir(old)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, os.waitstatus_to_exitcode(status)


def run(spec, log=sys.stderr):
    cmds = spec["commands"]
    rounds = int(spec.get("rounds", 20))
    warmup = int(spec.get("warmup", 2))
    tmp = spec.get("tmp", "/tmp")
    samples = {c["name"]: [] for c in cmds}
    for r in range(warmup + rounds):
        k = r % len(cmds)
        order = cmds[k:] + cmds[:k]
        if r % 2:
            order = order[::-1]
        for c in order:
            if c.get("prepare"):
                _, _, _, rc = spawn(c["prepare"], env=c.get("env"), cwd=c.get("cwd"))
                if rc != 0:
                    sys.exit("prepare of %s failed (exit %d): %s" % (c["name"], rc, c["prepare"]))
            out = os.path.join(tmp, "measure-%s.out" % c["name"])
            err = os.path.join(tmp, "measure-%s.err" % c["name"])
            w, cpu, rss, rc = spawn(c["argv"], c.get("stdin"), c.get("env"), c.get("cwd"), out, err)
            if rc != 0:
                with open(err, errors="replace") as f:
                    sys.exit("%s exited %d: %s" % (c["name"], rc, f.read()[-2000:]))
            if r >= warmup:
                samples[c["name"]].append((w, cpu, rss))
        if log and (r + 1) % 5 == 0:
            print("    round %d/%d" % (r + 1 - warmup if r >= warmup else 0, rounds), file=log, flush=True)
    result = {"commands": {}, "ratios": {}}
    for name, s in samples.items():
        result["commands"][name] = {
            "wall_ms": statistics.median(x[0] for x in s) * 1000,
            "cpu_ms": statistics.median(x[1] for x in s) * 1000,
            "rss_kb": statistics.median(x[2] for x in s),
            "wall_min_ms": min(x[0] for x in s) * 1000,
            "wall_max_ms": max(x[0] for x in s) * 1000,
            "runs": len(s)}
    for a, b in spec.get("ratios", []):
        per_round = [x[0] / y[0] for x, y in zip(samples[a], samples[b])]
        cpu_round = [x[1] / y[1] for x, y in zip(samples[a], samples[b]) if y[1] > 0]
        result["ratios"]["%s/%s" % (a, b)] = {"wall": statistics.median(per_round),
                                               "cpu": statistics.median(cpu_round) if cpu_round else None}
    return result


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    json.dump(run(spec), sys.stdout, indent=1)
    print()
