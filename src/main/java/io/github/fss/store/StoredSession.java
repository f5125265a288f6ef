package io.github.fss.store;

import io.github.fss.model.Session;
import java.nio.file.Path;

/** A session together with where it is stored. */
public record StoredSession(String projectKey, Path file, Session session) {}
