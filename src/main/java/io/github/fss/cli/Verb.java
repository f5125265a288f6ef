package io.github.fss.cli;

/** One CLI verb: parses its options, calls one domain service, renders, returns an exit code. */
public interface Verb {
  /** The verb's name as typed. */
  String name();

  /** One line for the verb list. */
  String summary();

  /** The full --help text. */
  String help();

  /** Whether {@code fss --help} lists it (not the servers fss starts for itself). */
  default boolean listed() {
    return true;
  }

  int run(Context ctx, java.util.List<String> args) throws Exception;
}
