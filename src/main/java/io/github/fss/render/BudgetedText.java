package io.github.fss.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Text made of sections with an importance each; {@link #render(int)} drops lines from the least
 * important sections first (last line first) until the text fits the token budget. A section
 * whose body is gone loses its heading too; a section with {@code keep} lines is never emptied
 * below them.
 */
public final class BudgetedText {
  private static final class Section {
    final int importance;
    final String heading;
    final List<String> lines = new ArrayList<>();
    final int keep;

    Section(int importance, String heading, int keep) {
      this.importance = importance;
      this.heading = heading;
      this.keep = keep;
    }
  }

  private final List<Section> sections = new ArrayList<>();

  /** Adds a section; importance 0 is kept longest. Returns it for {@link #line}. */
  public BudgetedText section(int importance, String heading, List<String> lines) {
    return section(importance, heading, lines, 0);
  }

  public BudgetedText section(int importance, String heading, List<String> lines, int keep) {
    Section s = new Section(importance, heading, keep);
    for (String l : lines) {
      if (l != null) {
        s.lines.add(l);
      }
    }
    if (!s.lines.isEmpty() || heading != null && keep < 0) {
      sections.add(s);
    }
    return this;
  }

  /** The text within {@code budget} tokens (budget ≤ 0: everything). */
  public String render(int budget) {
    String all = join();
    if (budget <= 0) {
      return all;
    }
    while (Tokens.estimate(all) > budget) {
      Section victim = null;
      for (Section s : sections) {
        if (s.lines.size() > s.keep && (victim == null || s.importance >= victim.importance)) {
          victim = s;
        }
      }
      if (victim == null) {
        return truncate(all, budget);
      }
      victim.lines.remove(victim.lines.size() - 1);
      if (victim.lines.isEmpty()) {
        sections.remove(victim);
      }
      all = join();
    }
    return all;
  }

  private static String truncate(String text, int budget) {
    int end = text.length();
    while (end > 0 && Tokens.estimate(text.subSequence(0, end)) > budget - 1) {
      end = Math.max(0, end - Math.max(1, (end / 10)));
    }
    return text.substring(0, end) + "…";
  }

  private String join() {
    StringBuilder sb = new StringBuilder();
    for (Section s : sections) {
      if (s.heading != null) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(s.heading).append('\n');
      }
      for (String l : s.lines) {
        sb.append(l).append('\n');
      }
    }
    return sb.toString().stripTrailing();
  }
}
