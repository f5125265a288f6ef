package io.github.fss.cli;

import io.github.fss.Environment;
import io.github.fss.redact.Redactor;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;

/** What a verb runs with: its streams, environment, and the store (opened on first use). */
public final class Context {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Environment env;
  private StoreConfig config;
  private SessionStore store;
  private Redactor redactor;

  /** Where styled output goes: stdout without the escaping edge (see {@link #styledOut}). */
  private final PrintStream styled;

  public Context(InputStream in, PrintStream out, PrintStream err, Environment env) {
    this(in, out, err, env, out);
  }

  public Context(InputStream in, PrintStream out, PrintStream err, Environment env, PrintStream styled) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.styled = styled;
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  /**
   * Stdout past the escaping edge, for fss's own terminal styling (bold search matches). Whoever
   * writes here escapes every piece of recorded text first; everything else prints to {@link #out}.
   */
  public PrintStream styledOut() {
    out.flush();
    return styled;
  }

  public PrintStream err() {
    return err;
  }

  public Environment env() {
    return env;
  }

  public Instant now() {
    return env.now();
  }

  public StoreConfig config() {
    if (config == null) {
      config = StoreConfig.load(env.fssHome(), env.vars());
    }
    return config;
  }

  /**
   * The store, opened on first use. Opening it drains the turn-end spool first, so every verb that
   * reads sessions sees the turns the launcher recorded without a JVM.
   */
  public SessionStore store() {
    if (store == null) {
      store = new SessionStore(env.fssHome(), config(), err::println);
      io.github.fss.agents.SpoolTurns.drain(env, store, redactor(), err::println);
    }
    return store;
  }

  public Redactor redactor() {
    if (redactor == null) {
      redactor = Redactor.standard(config().extraRedactions());
    }
    return redactor;
  }
}
