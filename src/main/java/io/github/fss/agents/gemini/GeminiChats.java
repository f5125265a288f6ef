package io.github.fss.agents.gemini;

import io.github.fss.json.Json;
import io.github.fss.store.SessionIds;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds Gemini CLI chat files: {@code <gemini dir>/tmp/<slug>/chats/session-<time>-<first 8 of the
 * id>.jsonl}. The full session id is only inside (the first line), and the project folder only in
 * {@code projects.json} (path → slug) or the slug folder's {@code .project_root} marker.
 */
public final class GeminiChats {
  /** The first line is the metadata; longer than this, the file is not a chat of ours to read. */
  private static final int MAX_FIRST_LINE = 64 * 1024;

  /** A chat file, its session id and the project folder it belongs to (null when unknown). */
  public record Chat(String sessionId, Path path, Path cwd) {}

  private GeminiChats() {}

  /** Chat files changed within {@code age}, in every project. */
  public static List<Chat> recent(Path geminiDir, Duration age, Instant now) {
    List<Chat> out = new ArrayList<>();
    Map<String, Path> roots = projects(geminiDir);
    try (DirectoryStream<Path> slugs = Files.newDirectoryStream(geminiDir.resolve("tmp"))) {
      for (Path slug : slugs) {
        Path chats = slug.resolve("chats");
        if (!Files.isDirectory(chats)) {
          continue;
        }
        Path cwd = root(slug, roots);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(chats, "session-*.jsonl")) {
          for (Path f : ds) {
            if (Files.isRegularFile(f) && changedSince(f, now.minus(age))) {
              String id = sessionId(f);
              if (id != null) {
                out.add(new Chat(id, f, cwd));
              }
            }
          }
        } catch (IOException e) {
          // an unreadable project folder: the others still count
        }
      }
    } catch (IOException e) {
      // no Gemini CLI chats
    }
    return out;
  }

  /** The chat file of a session, or null: the file names carry the id's first 8 characters. */
  public static Path find(Path geminiDir, String sessionId) {
    if (!SessionIds.isValid(sessionId) || sessionId.length() < 8) {
      return null;
    }
    String suffix = "-" + sessionId.substring(0, 8) + ".jsonl";
    try (DirectoryStream<Path> slugs = Files.newDirectoryStream(geminiDir.resolve("tmp"))) {
      for (Path slug : slugs) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(slug.resolve("chats"), "session-*" + suffix)) {
          for (Path f : ds) {
            if (sessionId.equals(sessionId(f))) {
              return f;
            }
          }
        } catch (IOException e) {
          // no chats in this folder
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** The {@code sessionId} of the file's first line, or null. */
  static String sessionId(Path chat) {
    try (BufferedReader r = Files.newBufferedReader(chat, StandardCharsets.UTF_8)) {
      char[] buf = new char[MAX_FIRST_LINE];
      int n = 0;
      int c;
      while (n < buf.length && (c = r.read()) >= 0 && c != '\n') {
        buf[n++] = (char) c;
      }
      String id = Json.str(Json.at(Json.parse(new String(buf, 0, n)), "sessionId"));
      return SessionIds.isValid(id) ? id : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code projects.json} turned around: slug → project folder. */
  static Map<String, Path> projects(Path geminiDir) {
    Map<String, Path> out = new HashMap<>();
    try {
      Map<String, Object> projects = Json.obj(Json.at(Json.parse(
          Files.readString(geminiDir.resolve("projects.json"), StandardCharsets.UTF_8)), "projects"));
      if (projects != null) {
        projects.forEach((path, slug) -> {
          if (slug instanceof String && (path.startsWith("/") || path.matches("^[A-Za-z]:[\\\\/].*"))) {
            out.put((String) slug, Path.of(path));
          }
        });
      }
    } catch (IOException | RuntimeException e) {
      // no registry (older versions hashed the path): the marker or the chat itself says
    }
    return out;
  }

  private static Path root(Path slugDir, Map<String, Path> roots) {
    Path known = roots.get(slugDir.getFileName().toString());
    if (known != null) {
      return known;
    }
    try {
      String owner = Files.readString(slugDir.resolve(".project_root"), StandardCharsets.UTF_8).strip();
      return owner.startsWith("/") ? Path.of(owner) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean changedSince(Path f, Instant since) {
    try {
      return Files.getLastModifiedTime(f).toInstant().isAfter(since);
    } catch (IOException e) {
      return false;
    }
  }
}
