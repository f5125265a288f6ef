package io.github.fss.history;

/** One session found: where it lives, who ran it, when it was last active, and its best snippet. */
public record Hit(String sessionId, String projectKey, String projectRoot, String agent, long lastMillis, float score,
    Snippet snippet, boolean transcriptGone) {}
