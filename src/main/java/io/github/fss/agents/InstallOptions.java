package io.github.fss.agents;

/**
 * What {@code fss install} was asked for: the launcher the hooks call, the scope, --every-call, and
 * whether to register {@code fss mcp} (not with --no-mcp).
 */
public record InstallOptions(String launcher, Scope scope, boolean everyCall, boolean mcp) {}
