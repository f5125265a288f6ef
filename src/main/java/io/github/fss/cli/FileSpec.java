package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.model.FileRef;
import java.util.ArrayList;
import java.util.List;

/** Parses the original tool's list flags: {@code --files path:role,…} and {@code a;b} lists. */
final class FileSpec {
  private FileSpec() {}

  /** {@code path:role,…}; a path without a role is "editing"; an unknown role is an error. */
  static List<FileRef> parse(String spec) {
    List<FileRef> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String item : spec.split(",")) {
      String t = item.strip();
      if (t.isEmpty()) {
        continue;
      }
      int colon = t.lastIndexOf(':');
      String path = colon < 0 ? t : t.substring(0, colon).strip();
      String role = colon < 0 ? "editing" : t.substring(colon + 1).strip();
      if (path.isEmpty()) {
        throw FssException.invalid("--files item '" + t + "' has no path; use path:role");
      }
      if (!FileRef.ROLES.contains(role)) {
        throw FssException.invalid("--files item '" + t + "' has role '" + role
            + "'; use one of " + String.join("|", FileRef.ROLES));
      }
      if (path.indexOf('\0') >= 0) {
        throw FssException.invalid("--files item has a NUL byte in its path");
      }
      out.add(new FileRef(path, null, role, null));
    }
    return out;
  }

  /** {@code a;b;c} → [a, b, c], blanks dropped. */
  static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String s : value.split(";")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
