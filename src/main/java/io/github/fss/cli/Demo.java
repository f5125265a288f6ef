package io.github.fss.cli;

import io.github.fss.demo.DemoReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code fss demo}: see capture and restore work end to end without an agent. */
final class Demo implements Verb {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "replay a bundled Claude Code session through the hooks into a temp store";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss demo [--dir DIR]",
        "",
        "Replays a bundled Claude Code session through the real hooks into a temp store (your own store",
        "and agent settings are not touched): a turn ends, a checkpoint is saved, the next turn is cut",
        "off by a network drop, and a new session starts. Then shows what the new session is told, and",
        "fss list, fss restore and fss diff on it.",
        "  --dir DIR   where to put the demo project and store (default: a new temp dir, kept for a look)");
  }

  @Override
  public int run(Context ctx, List<String> raw) throws Exception {
    Args a = Args.parse(raw, Set.of(), Set.of("--dir"));
    a.positional(0);
    Path dir = a.option("--dir") != null ? ctx.env().resolve(a.option("--dir"))
        : Files.createTempDirectory("fss-demo-");
    return new DemoReplay(ctx.out(), ctx.env()).run(dir);
  }
}
