package io.github.fss.history;

/**
 * One search: the query text (Lucene syntax: words, "phrases", prefix*, AND / OR / NOT) and its
 * filters, each null when not set. {@code sinceMillis} is epoch milliseconds.
 */
public record SearchRequest(String query, String projectKey, String agent, Long sinceMillis, String file, int limit) {
  public SearchRequest {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("empty query");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more");
    }
  }
}
