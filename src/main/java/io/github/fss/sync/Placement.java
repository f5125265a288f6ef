package io.github.fss.sync;

import io.github.fss.model.Session;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts sessions received from other machines into the local store. With a checkout of the project
 * here, a session goes under that checkout with its paths mapped to it (files absent here then show
 * as MISSING); without one, under the project's identity with the recording machine's paths, until
 * {@code fss list} or {@code fss restore} runs in a checkout and places it there.
 */
public final class Placement {
  private Placement() {}

  /**
   * Places, for {@code list} and {@code restore}: the synced sessions of the project at {@code root},
   * if sync is set up and any arrived. Cheap when none did: one stat, one read of .git/config; and
   * when nothing arrived since this checkout was last placed, two stats more.
   */
  public static void placeFor(SessionStore store, Map<String, String> env, Path root, Instant now) {
    Path sessions = store.home().resolve("sync").resolve("repo").resolve("sessions");
    if (!Files.isDirectory(sessions)) {
      return;
    }
    ProjectIdentity id = ProjectIdentity.of(root);
    if (id == null || !Files.isDirectory(sessions.resolve(id.key()))) {
      return;
    }
    Path marker = store.home().resolve("sync").resolve("placed").resolve(id.key() + "." + ProjectRoot.key(root));
    if (newer(marker, store.home().resolve("sync").resolve("last.json"))) {
      return; // placed after the last sync brought anything
    }
    String machine = Machine.name(env, store.home());
    java.util.Map<String, List<Travelling.Received>> byId = new java.util.LinkedHashMap<>();
    for (Travelling.Received r : SessionSync.readProject(sessions.resolve(id.key()))) {
      if (r.project().text().equals(id.text())) {
        byId.computeIfAbsent(r.session().sessionId(), k -> new ArrayList<>()).add(r);
      }
    }
    for (List<Travelling.Received> group : byId.values()) {
      try {
        place(store, group, machine, root, now);
      } catch (RuntimeException e) {
        // one odd file from another machine must not stop list or restore; fss sync names it
      }
    }
    try {
      AtomicFile.privateDir(marker.getParent());
      AtomicFile.write(marker, new byte[0]);
    } catch (IOException | RuntimeException e) {
      // without the marker the next list places again: slower, never wrong
    }
  }

  private static boolean newer(Path marker, Path than) {
    try {
      return Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(than)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Merges one session's versions from other machines into the store; true when the store changed. */
  static boolean place(SessionStore store, List<Travelling.Received> group, String me, Path localRoot, Instant now) {
    List<Travelling.Received> others = new ArrayList<>();
    Travelling.Received origin = null;
    for (Travelling.Received r : group) {
      if (!r.writer().equals(me)) {
        others.add(r);
        if (r.writer().equals(r.session().machine()) || origin == null) {
          origin = r;
        }
      }
    }
    if (others.isEmpty()) {
      return false;
    }
    ProjectIdentity id = origin.project();
    Path root = localRoot != null ? localRoot : Path.of(origin.root() == null ? "/" : origin.root());
    String key = localRoot != null ? ProjectRoot.key(localRoot) : id.key();
    String sessionId = origin.session().sessionId();
    List<Session> versions = new ArrayList<>();
    for (Travelling.Received r : others) {
      Session s = Travelling.placedAt(r.session(), root);
      versions.add(me.equals(s.machine()) ? s.withMachine(null) : s);
    }
    boolean[] changed = {false};
    store.update(key, sessionId, before -> {
      Session after = SessionMerge.merge(before, versions, root, store.config().maxCheckpoints());
      if (before == null && store.expired(after, now)) {
        return null; // past retention here: cleanup would only delete it again
      }
      changed[0] = after != before;
      return after;
    });
    if (localRoot != null && !key.equals(id.key())) {
      Path unplaced = store.sessionFile(id.key(), sessionId);
      if (Files.isRegularFile(unplaced)) {
        try {
          store.delete(new StoredSession(id.key(), unplaced, store.readFile(unplaced, false)));
        } catch (IOException | RuntimeException e) {
          // a copy left under the identity only shows twice in the dashboard; the placed one is complete
        }
      }
    }
    return changed[0];
  }
}
