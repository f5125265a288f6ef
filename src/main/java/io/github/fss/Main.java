package io.github.fss;

import io.github.fss.agents.HookMain;
import io.github.fss.cli.Cli;
import io.github.fss.mcp.McpServer;
import io.github.fss.searchd.SearchClient;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point. {@code fss hook …} is dispatched by hand before anything else is loaded: hooks run
 * inside every agent session and must not pay for the CLI. {@code fss mcp} is the stdio MCP server.
 * {@code fss search} asks the search server first ({@link SearchClient}). Everything else goes to {@link Cli}.
 */
public final class Main {
  /** The version this build calls itself (what {@code fss --version} prints). */
  public static final String VERSION = Cli.VERSION;

  private Main() {}

  public static void main(String[] args) {
    Environment env = Environment.of(System.getenv(), Path.of("").toAbsolutePath());
    // UTF-8 whatever the locale: under LANG=C the JVM would print '?' for every non-ASCII character
    // of a hook's JSON (prompts in Chinese, "—"), and agents read our output as UTF-8
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 14),
        false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    if (args.length > 0 && args[0].equals("mcp")) {
      // stdout is the protocol channel: a stray System.out.print anywhere must not corrupt it
      System.setOut(err);
    }
    int rc = run(System.in, out, err, env, args);
    out.flush();
    err.flush();
    if (rc != 0) {
      // System.exit loads ~275 classes on JDK 21+ (java-startup.md §4); halt costs nothing
      Runtime.getRuntime().halt(rc);
    }
  }

  /** Runs one command with the given streams and environment; returns the exit code. */
  public static int run(InputStream in, PrintStream out, PrintStream err, Environment env, String... args) {
    if (args.length > 0 && args[0].equals("hook")) {
      return HookMain.run(in, out, env, args);
    }
    if (args.length > 0 && args[0].equals("mcp")) {
      return McpServer.run(in, out, err, env, args);
    }
    if (args.length > 0 && args[0].equals("search") && SearchClient.wanted(env, args)) {
      // the search server answers without Lucene loaded here; else this process searches
      SearchClient.Forwarded f = SearchClient.forward(env, Cli.VERSION, out, err, args);
      if (f.exit() != null) {
        return f.exit();
      }
      int rc = Cli.run(in, out, err, env, args);
      if (f.startServer()) {
        // the answer is out before a server's JVM competes with this search for the cores
        out.flush();
        err.flush();
        SearchClient.startServer(env);
      }
      return rc;
    }
    return Cli.run(in, out, err, env, args);
  }
}
