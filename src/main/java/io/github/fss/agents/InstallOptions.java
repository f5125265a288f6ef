package io.github.fss.agents;

/** What {@code fss install} was asked for: the launcher the hooks call, the scope, and --every-call. */
public record InstallOptions(String launcher, Scope scope, boolean everyCall) {}
