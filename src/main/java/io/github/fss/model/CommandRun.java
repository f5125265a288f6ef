package io.github.fss.model;

/** A shell command the session ran, with its exit code when known (null = unknown or running). */
public record CommandRun(String command, Integer exitCode, String at) {
  public CommandRun {
    command = command == null ? "" : command;
  }
}
