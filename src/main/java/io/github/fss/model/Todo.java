package io.github.fss.model;

/** One item of the agent's plan or todo list; status is pending, in_progress or completed. */
public record Todo(String id, String content, String status) {
  public Todo {
    content = content == null ? "" : content;
    status = status == null || status.isBlank() ? "pending" : status;
  }

  public Todo withStatus(String value) {
    return new Todo(id, content, value);
  }

  public boolean inProgress() {
    return "in_progress".equals(status);
  }
}
