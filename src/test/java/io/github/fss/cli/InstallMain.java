package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.Environment;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code fss install} in a separate JVM, so tests can race real processes. */
public final class InstallMain {
  private InstallMain() {}

  public static void main(String[] args) throws Exception {
    Context ctx = new Context(System.in, System.out, System.err, Environment.of(System.getenv(), Path.of("")));
    try {
      System.exit(new Install().run(ctx, List.of(args)));
    } catch (FssException e) {
      System.err.println("fss: " + e.getMessage());
      System.exit(e.exitCode());
    }
  }
}
