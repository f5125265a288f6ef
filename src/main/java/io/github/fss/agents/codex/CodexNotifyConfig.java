package io.github.fss.agents.codex;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.fss.agents.Edit;
import io.github.fss.FssException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts our {@code notify} into Codex's config.toml, editing it as text between two marker lines so
 * comments, order and other tables survive. Codex runs a single notify program, so a notify the user
 * already has is kept inside our block, commented out line for line, and chained after ours with
 * {@code --then}; uninstall puts those lines back byte for byte.
 */
public final class CodexNotifyConfig {
  /** Every block starts with this; what follows in parentheses tells a reader what uninstall does. */
  public static final String START = "# >>> fireworks-sessions-saver";
  static final String START_NEW = START + " (fss uninstall codex removes this block)";
  static final String START_CHAIN = START + " (fss uninstall codex restores the notify below)";
  /** The block's last line. */
  public static final String END = "# <<< fireworks-sessions-saver";

  private CodexNotifyConfig() {}

  /** The argv Codex runs after each turn, before any {@code --then} chain. */
  public static List<String> ourArgv(String launcher) {
    return List.of(launcher, "hook", "codex-notify");
  }

  /** Plans the install: insert our block, chain to the user's notify, or refresh the block we left. */
  public static Edit install(String current, Path path, String launcher) {
    String text = current == null ? "" : current;
    JsonNode tree = TomlCheck.parse(text, path);
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    Block block = Block.find(text, path);
    String updated;
    String status;
    if (block != null) {
      List<String> chained = block.originals.isEmpty() ? List.of() : originalArgv(block.originalText(), path);
      updated = text.substring(0, block.start) + block(block.originals, chained, launcher, nl, block.endTerm)
          + text.substring(block.end);
      if (updated.equals(text)) {
        return Edit.keep("already installed");
      }
      status = "updated";
    } else {
      TomlRootScanner.Result scan = scan(text, path);
      TomlRootScanner.Statement notify = null;
      for (TomlRootScanner.Statement s : scan.statements()) {
        if (s.key().get(0).equals("notify")) {
          notify = s;
        }
      }
      JsonNode top = tree.get("notify");
      if (top != null && (notify == null || notify.key().size() != 1)) {
        throw notStrings(path, "it is not an array");
      }
      if (notify != null) {
        String original = text.substring(notify.lineStart(), notify.lineEnd());
        List<String> argv = argvOf(text.substring(notify.valueStart(), notify.valueEnd()), path);
        List<Line> lines = Line.split(original + nl);
        updated = text.substring(0, notify.lineStart()) + block(lines, argv, launcher, nl, notify.terminator())
            + text.substring(notify.end());
        status = "installed (your notify runs after ours)";
      } else {
        updated = insert(text, scan, block(List.of(), List.of(), launcher, nl, nl), nl);
        status = "installed";
      }
    }
    verify(updated, launcher, path);
    return Edit.write(updated, status);
  }

  /** Plans the uninstall: drop our block and put back the notify it kept, exactly as it was written. */
  public static Edit uninstall(String current, Path path) {
    if (current == null) {
      return Edit.keep("nothing to remove (no such file)");
    }
    TomlCheck.parse(current, path);
    Block block = Block.find(current, path);
    if (block == null) {
      return Edit.keep("nothing to remove");
    }
    int start = block.start;
    String restored;
    if (block.originals.isEmpty()) {
      restored = "";
      // we added a line break before a block appended to a file that did not end with one
      if (block.endTerm.isEmpty() && start > 0) {
        start -= current.startsWith("\r\n", start - 2) ? 2 : 1;
      }
    } else {
      restored = block.originalText();
    }
    String updated = current.substring(0, start) + restored + current.substring(block.end);
    try {
      TomlCheck.tree(updated);
    } catch (JacksonException e) {
      throw FssException.invalid(path + ": removing the fireworks-sessions-saver block would leave invalid"
          + " TOML (was the block edited by hand?); fix it by hand — nothing was changed");
    }
    return Edit.write(updated, block.originals.isEmpty() ? "removed" : "removed (your notify is back)");
  }

  /** The block text, ending with {@code endTerm} (what followed the line it replaces). */
  private static String block(List<Line> originals, List<String> chained, String launcher, String nl,
      String endTerm) {
    StringBuilder sb = new StringBuilder(originals.isEmpty() ? START_NEW : START_CHAIN).append(nl);
    for (Line l : originals) {
      sb.append(l.content.isEmpty() ? "#" : "# " + l.content).append(l.terminator.isEmpty() ? nl : l.terminator);
    }
    List<String> argv = new ArrayList<>(ourArgv(launcher));
    if (!chained.isEmpty()) {
      argv.add("--then");
      argv.addAll(chained);
    }
    return sb.append("notify = ").append(TomlStrings.array(argv)).append(nl).append(END).append(endTerm).toString();
  }

  /**
   * Inserts a new block before the first table header (with the comment lines right above it, which
   * usually describe that table), or at the end of the file.
   */
  private static String insert(String text, TomlRootScanner.Result scan, String block, String nl) {
    if (scan.firstHeader() < 0) {
      boolean needsBreak = !text.isEmpty() && !text.endsWith("\n");
      if (needsBreak) {
        // keep the file's lack of a final newline, so uninstall can give back the same bytes
        return text + nl + block.substring(0, block.length() - nl.length());
      }
      return text + block;
    }
    int floor = scan.statements().isEmpty() ? 0 : scan.statements().get(scan.statements().size() - 1).end();
    int at = scan.firstHeader();
    while (at > floor) {
      int prevStart = text.lastIndexOf('\n', at - 2) + 1;
      if (prevStart < floor || !text.substring(prevStart, at).trim().startsWith("#")) {
        break;
      }
      at = prevStart;
    }
    return text.substring(0, at) + block + text.substring(at);
  }

  /** Checks our own edit before it is written: valid TOML whose top-level notify starts with us. */
  private static void verify(String updated, String launcher, Path path) {
    try {
      JsonNode n = TomlCheck.tree(updated).get("notify");
      if (n != null && n.isArray() && n.size() >= 3 && launcher.equals(n.get(0).asText())) {
        return;
      }
    } catch (JacksonException e) {
      // fall through to the refusal
    }
    throw FssException.failed("could not edit " + path + " safely (the result would not be the expected"
        + " TOML); add the notify line by hand — nothing was changed", null);
  }

  private static TomlRootScanner.Result scan(String text, Path path) {
    try {
      return TomlRootScanner.scan(text);
    } catch (IllegalStateException e) {
      throw FssException.invalid("could not find my way around " + path + " (" + e.getMessage()
          + "); add the notify line by hand — nothing was changed");
    }
  }

  /** The argv of the user's notify statement (kept in our block) for the {@code --then} chain. */
  private static List<String> originalArgv(String statement, Path path) {
    TomlRootScanner.Result scan = scan(statement, path);
    if (scan.statements().size() != 1) {
      throw handEdited(path);
    }
    TomlRootScanner.Statement s = scan.statements().get(0);
    return argvOf(statement.substring(s.valueStart(), s.valueEnd()), path);
  }

  private static List<String> argvOf(String value, Path path) {
    try {
      List<String> argv = TomlStrings.parseArray(value);
      if (argv.isEmpty()) {
        throw notStrings(path, "it is empty");
      }
      return argv;
    } catch (TomlStrings.NotAStringArray e) {
      throw notStrings(path, e.getMessage());
    }
  }

  private static FssException notStrings(Path path, String why) {
    return FssException.invalid("the top-level notify in " + path + " is not an array of strings (" + why
        + "), so fss cannot chain to it; fix it or remove it — nothing was changed");
  }

  static FssException handEdited(Path path) {
    return FssException.invalid("the fireworks-sessions-saver block in " + path + " was edited by hand;"
        + " restore your notify line and delete the block yourself — nothing was changed");
  }

  /** One line of text and the line break after it ("" for a last line without one). */
  record Line(String content, String terminator) {
    static List<Line> split(String text) {
      List<Line> out = new ArrayList<>();
      int pos = 0;
      while (pos < text.length()) {
        int nl = text.indexOf('\n', pos);
        if (nl < 0) {
          out.add(new Line(text.substring(pos), ""));
          break;
        }
        int contentEnd = nl > pos && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        out.add(new Line(text.substring(pos, contentEnd), text.substring(contentEnd, nl + 1)));
        pos = nl + 1;
      }
      return out;
    }
  }

  /** Our block as found in a file: its span, the commented-out original lines, and what ended it. */
  static final class Block {
    final int start;
    final int end;
    final String endTerm;
    final List<Line> originals;

    private Block(int start, int end, String endTerm, List<Line> originals) {
      this.start = start;
      this.end = end;
      this.endTerm = endTerm;
      this.originals = originals;
    }

    /** The block between our marker lines, or null; a start marker without its end is refused. */
    static Block find(String text, Path path) {
      List<Line> lines = Line.split(text);
      int offset = 0;
      int start = -1;
      List<Line> inner = new ArrayList<>();
      for (Line l : lines) {
        int next = offset + l.content.length() + l.terminator.length();
        if (start < 0) {
          if (l.content.startsWith(START)) {
            start = offset;
          }
        } else if (l.content.startsWith(END)) {
          return parse(start, next, l.terminator, inner, path);
        } else {
          inner.add(l);
        }
        offset = next;
      }
      if (start >= 0) {
        throw handEdited(path);
      }
      return null;
    }

    /** Commented original lines first, then exactly one live line: our notify. */
    private static Block parse(int start, int end, String endTerm, List<Line> inner, Path path) {
      int live = 0;
      while (live < inner.size() && inner.get(live).content.startsWith("#")) {
        live++;
      }
      if (live != inner.size() - 1 || !inner.get(live).content.trim().startsWith("notify")) {
        throw handEdited(path);
      }
      List<Line> originals = new ArrayList<>();
      for (Line l : inner.subList(0, live)) {
        String c = l.content.startsWith("# ") ? l.content.substring(2) : l.content.substring(1);
        originals.add(new Line(c, l.terminator));
      }
      return new Block(start, end, endTerm, originals);
    }

    /** The user's original statement, with the line break the block's end marker carried. */
    String originalText() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < originals.size(); i++) {
        Line l = originals.get(i);
        sb.append(l.content).append(i == originals.size() - 1 ? endTerm : l.terminator);
      }
      return sb.toString();
    }
  }
}
