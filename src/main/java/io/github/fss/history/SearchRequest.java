package io.github.fss.history;

import java.util.List;

/**
 * One search: the query text (Lucene syntax: words, "phrases", prefix*, AND / OR / NOT) and its
 * filters, each null when not set. {@code sinceMillis} is epoch milliseconds; {@code files} are
 * spellings of one path (as given, relative to the project), any of which may match.
 */
public record SearchRequest(String query, String projectKey, String agent, Long sinceMillis, List<String> files,
    int limit) {
  public SearchRequest {
    files = files == null ? List.of() : List.copyOf(files);
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("empty query");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more");
    }
  }
}
