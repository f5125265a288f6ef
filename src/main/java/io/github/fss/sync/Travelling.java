package io.github.fss.sync;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.store.SessionCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session as it travels between machines: the stored session without its transcript cursor
 * ({@code capture}, which only means something on the machine that wrote it), with every path
 * inside the project written relative to the project root, so it can be placed under another
 * checkout of the same project elsewhere. One file per writing machine per session.
 */
final class Travelling {
  static final String FORMAT = "fss-sync/1";

  /** One file of the sync repository, read back. */
  record Received(String writer, ProjectIdentity project, String root, Session session) {}

  private Travelling() {}

  /** The tree written to {@code sessions/<project>/<session>/<writer>.json}. */
  static Map<String, Object> export(Session s, Path root, ProjectIdentity project, String writer) {
    Session portable = relativeTo(s, root).withCapture(null)
        .withMachine(s.machine() != null ? s.machine() : writer);
    Map<String, Object> tree = SessionCodec.toTree(portable);
    tree.remove("capture");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("writer", writer);
    m.put("remote", project.remote());
    m.put("path", project.path());
    m.put("root", root.toString());
    m.put("session", tree);
    return m;
  }

  /** Reads one file's tree; null when it is not one of ours. */
  static Received read(Object tree) {
    Map<String, Object> m = Json.obj(tree);
    if (m == null || !FORMAT.equals(Json.str(m.get("format"))) || Json.str(m.get("writer")) == null
        || Json.str(m.get("remote")) == null) {
      return null;
    }
    try {
      Session s = SessionCodec.fromTree(m.get("session"));
      return new Received(Json.str(m.get("writer")),
          new ProjectIdentity(Json.str(m.get("remote")), Json.str(m.get("path"))), Json.str(m.get("root")), s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The session with its project-relative paths placed under {@code root}. */
  static Session placedAt(Session relative, Path root) {
    return map(relative, p -> {
      if (p == null) {
        return null;
      }
      if (p.equals(".")) {
        return root.toString();
      }
      return Path.of(p).isAbsolute() ? p : root.resolve(p).normalize().toString();
    });
  }

  /** The session with paths inside {@code root} written relative to it ({@code .} for the root). */
  static Session relativeTo(Session s, Path root) {
    return map(s, p -> {
      if (p == null) {
        return null;
      }
      try {
        Path path = Path.of(p);
        if (path.isAbsolute() && path.normalize().startsWith(root)) {
          String rel = root.relativize(path.normalize()).toString();
          return rel.isEmpty() ? "." : rel;
        }
      } catch (RuntimeException e) {
        // not a path this machine can parse: it travels as written
      }
      return p;
    });
  }

  /** A checkpoint's identity: a hash of its content with paths relative to the project root. */
  static String checkpointId(Checkpoint c, Path root) {
    Session one = new Session(Session.SCHEMA_VERSION, "x", "x", null, null, null, null, null, null, null, null,
        null, List.of(c));
    Checkpoint rel = relativeTo(one, root).latest();
    byte[] bytes = Json.write(SessionCodec.toTree(rel), false).getBytes(StandardCharsets.UTF_8);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        sb.append(String.format("%02x", d[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Session map(Session s, java.util.function.UnaryOperator<String> f) {
    List<Checkpoint> cps = new ArrayList<>();
    for (Checkpoint c : s.checkpoints()) {
      List<FileRef> files = new ArrayList<>();
      for (FileRef r : c.files()) {
        files.add(new FileRef(f.apply(r.path()), r.lastModified(), r.role(), r.note()));
      }
      cps.add(c.toBuilder().files(files).build());
    }
    return new Session(s.schemaVersion(), s.sessionId(), s.tool(), f.apply(s.workingDir()),
        f.apply(s.projectRoot()), s.startTime(), s.lastActive(), s.status(), s.endReason(), s.restoredFrom(),
        s.transferredTo(), s.capture(), cps, s.machine());
  }
}
