package io.github.fss.render;

/** How a view is printed. */
public enum OutputFormat {
  TEXT,
  MARKDOWN,
  JSON;

  /** Parses text|markdown|md|json; null for anything else. */
  public static OutputFormat parse(String s) {
    if (s == null) {
      return null;
    }
    switch (s) {
      case "text":
        return TEXT;
      case "markdown":
      case "md":
        return MARKDOWN;
      case "json":
        return JSON;
      default:
        return null;
    }
  }
}
