package io.github.fss.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project a directory belongs to: the git top-level (the nearest ancestor holding {@code .git},
 * a directory or a worktree file) or the directory itself. Found by looking at the file system,
 * never by spawning git, so it is cheap enough for every hook.
 */
public final class ProjectRoot {
  private ProjectRoot() {}

  public static Path of(Path dir) {
    Path start = canonical(dir);
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return start;
  }

  /** The real path when the directory exists (symlinks resolved), else the normalised absolute one. */
  public static Path canonical(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }

  /** The store folder name for a project root: {@code <slug>-<hash8>}. */
  public static String key(Path root) {
    String abs = root.toAbsolutePath().normalize().toString();
    Path name = root.getFileName();
    String slug = slug(name == null ? "root" : name.toString());
    return slug + "-" + hash8(abs);
  }

  static String slug(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length() && sb.length() < 40; i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.';
      sb.append(ok ? c : '-');
    }
    String s = sb.toString().replaceAll("^[.-]+", "");
    return s.isEmpty() ? "project" : s;
  }

  /** FNV-1a 64-bit, folded to 32 bits, as 8 hex digits: stable, cheap, no crypto provider to load. */
  static String hash8(String s) {
    long h = 0xcbf29ce484222325L;
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    int folded = (int) (h ^ (h >>> 32));
    String hex = Integer.toHexString(folded);
    return "00000000".substring(hex.length()) + hex;
  }

  /** Whether a string is a folder name this store could have made. */
  public static boolean isValidKey(String key) {
    // [A-Za-z0-9_][A-Za-z0-9._-]{0,48}-[0-9a-f]{8}, by hand: a dashboard asks for every row's file
    if (key == null || key.length() < 10 || key.length() > 58 || key.charAt(key.length() - 9) != '-') {
      return false;
    }
    char first = key.charAt(0);
    if (first == '.' || first == '-' || !keyChar(first)) {
      return false;
    }
    for (int i = 1; i < key.length() - 9; i++) {
      if (!keyChar(key.charAt(i))) {
        return false;
      }
    }
    for (int i = key.length() - 8; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean keyChar(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
  }
}
