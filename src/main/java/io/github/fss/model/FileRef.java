package io.github.fss.model;

/** A file the session touched: its path (never its contents), role and last modification time. */
public record FileRef(String path, String lastModified, String role, String note) {
  /** The roles a file can have; anything else given by a user is refused by the CLI. */
  public static final java.util.List<String> ROLES =
      java.util.List.of("editing", "reference", "created", "deleted");

  public FileRef {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("file path is empty");
    }
    role = role == null || role.isBlank() ? "reference" : role;
  }
}
