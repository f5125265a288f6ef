package io.github.fss.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes two checkouts on two machines one project: the repository's remote URL, normalised
 * ({@link RemoteUrl}), plus the project's path inside the repository. Read from {@code .git/config}
 * (the {@code origin} remote, else the first one), never by running git.
 */
record ProjectIdentity(String remote, String path) {

  ProjectIdentity {
    path = path == null ? "" : path;
  }

  /** The identity of a project root, or null when it is not in a git repository with a remote. */
  static ProjectIdentity of(Path projectRoot) {
    for (Path top = projectRoot; top != null; top = top.getParent()) {
      Path dotGit = top.resolve(".git");
      if (Files.exists(dotGit)) {
        String url = remoteUrl(dotGit);
        if (url == null) {
          return null;
        }
        String inside = top.relativize(projectRoot).toString().replace('\\', '/');
        return new ProjectIdentity(RemoteUrl.normalise(url), inside);
      }
    }
    return null;
  }

  /** One string for the identity: {@code github.com/a/b}, or {@code github.com/a/b//sub/dir}. */
  String text() {
    return path.isEmpty() ? remote : remote + "//" + path;
  }

  /** The folder name of this project in the sync repository: {@code <repo name>-<hash8>}. */
  String key() {
    String name = path.isEmpty() ? remote : path;
    String last = name.substring(name.lastIndexOf('/') + 1);
    StringBuilder slug = new StringBuilder();
    for (char c : last.toCharArray()) {
      if (slug.length() >= 40) {
        break;
      }
      slug.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.' ? c : '-');
    }
    String s = slug.toString().replaceAll("^[.-]+", "");
    return (s.isEmpty() ? "project" : s) + "-" + hash8(text());
  }

  // FNV-1a 64-bit folded to 32 bits, as ProjectRoot does for local folders
  private static String hash8(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    String hex = Integer.toHexString((int) (h ^ (h >>> 32)));
    return "00000000".substring(hex.length()) + hex;
  }

  private static String remoteUrl(Path dotGit) {
    Path config = configOf(dotGit);
    if (config == null) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(config, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    String section = null;
    String origin = null;
    List<String> others = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        section = line.replaceAll("\\s+", " ");
        continue;
      }
      if (section == null || !section.startsWith("[remote ")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("url")) {
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (section.equals("[remote \"origin\"]")) {
          origin = origin == null ? value : origin;
        } else {
          others.add(value);
        }
      }
    }
    return origin != null ? origin : others.isEmpty() ? null : others.get(0);
  }

  // .git is a directory, or a file "gitdir: …" (worktrees, submodules) whose config lives in commondir
  private static Path configOf(Path dotGit) {
    try {
      Path dir = dotGit;
      if (Files.isRegularFile(dotGit)) {
        String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("gitdir:")) {
          return null;
        }
        dir = dotGit.getParent().resolve(text.substring(7).strip()).normalize();
        Path common = dir.resolve("commondir");
        if (Files.isRegularFile(common)) {
          dir = dir.resolve(Files.readString(common, StandardCharsets.UTF_8).strip()).normalize();
        }
      }
      Path config = dir.resolve("config");
      return Files.isRegularFile(config) ? config : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
