package io.github.fss.agents;

import java.nio.file.Path;
import java.util.List;

/** What installing fss into one agent means: the files to edit, and what to tell the user after. */
public interface AgentSetup {
  /** The agent's name as typed on the command line. */
  String name();

  /** The edits that install our hooks and skill. */
  List<PlannedEdit> install(InstallOptions options);

  /** The edits that take out what {@link #install} added; {@code launcher} may be null. */
  List<PlannedEdit> uninstall(Scope scope, String launcher);

  /** Lines printed after a successful install (the next step the user must take, if any). */
  List<String> afterInstall();

  /** Where its install puts our skill, or null for none. */
  default Path skillFile() {
    return null;
  }

  /** Whether our hooks are in its files now (one read; false when unsure). */
  default boolean hooked() {
    return false;
  }
}
