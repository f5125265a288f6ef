package io.github.fss.redact;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds values given to names that say secret — {@code NAME=value}, {@code export NAME=value},
 * {@code NAME: value}, {@code "name": "value"}, {@code --password value}, {@code --token=value}
 * — and hides the value while keeping the name, so the text still says what was set.
 * Which names count is {@link SecretNames}' call; which values are real, {@link SecretValues}'.
 *
 * <p>Parsed by hand from the secret words' positions rather than by regex: this rule runs on
 * nearly every captured string (code says "key" and "token" everywhere), and in the hook's
 * cold JVM a regex over the whole text is the dominant cost.
 */
final class AssignmentRule extends SecretRule {

  // Every secret name contains one of these (lower case); "value" starts a Kubernetes env entry.
  private static final String[] ANCHORS = {
    "pass", "pw", "secret", "token", "key", "cred", "auth", "pat", "value"};

  // Calls whose first argument names what the second one sets: define('DB_PASSWORD', '…'),
  // os.environ.setdefault("TOKEN", "…"), props.setProperty("db.password", "…"). Any other
  // ("password", "email") pair is a list, not an assignment.
  private static final Set<String> SETTERS = Set.of(
      "define", "setenv", "putenv", "setdefault", "setproperty", "put", "set", "setitem", "setheader",
      "addheader", "add_header", "header", "set_header", "setvalue", "setsecret");

  // Prose after a flag name: "pass the --token flag", "--password or --token".
  private static final Set<String> FLAG_PROSE = Set.of(
      "flag", "flags", "option", "options", "argument", "arguments", "parameter", "value", "instead",
      "with", "when", "then", "that", "this", "from", "into", "only", "also", "must", "should",
      "will", "which", "here", "there", "isn't", "doesn't");

  // --no-password, --ask-vault-pass, --show-token, --with-token: switches, not settings
  private static final Set<String> SWITCH_VERBS = Set.of(
      "no", "without", "skip", "use", "with", "show", "print", "hide", "ask", "prompt", "require",
      "allow", "disable", "enable", "reset", "rotate", "generate", "create", "delete", "revoke",
      "list", "get", "read", "from");

  // Where an unquoted value ends: whitespace, quotes, shell and list delimiters, and opening
  // brackets (Client(token=…) and Config{Token: …} hold the next assignment there).
  private static final String VALUE_STOPS = "\"'`,;&|)}]<>[{(\\";

  // reStructuredText/Sphinx field lists name parameters in docstrings: ":param token: …"
  private static final String[] FIELD_MARKERS = {
    ":param ", ":type ", ":arg ", ":argument ", ":keyword ", ":kwarg ", ":ivar ", ":cvar ", ":var ", ":raises ",
  };

  /** How the name was written. */
  private enum Form {
    /** {@code NAME=v}, {@code NAME: v}, {@code NAME := v}, {@code NAME => v}. */
    BARE,
    /** {@code "name": v}, {@code 'name' => v}, {@code environ["NAME"] = v}, {@code define('NAME', v)}. */
    QUOTED,
    /** {@code --name v}, {@code --name=v}, {@code -storepass v}, {@code -Dapp.password=v}. */
    FLAG
  }

  /** One parsed {@code name op value}; positions index the text. */
  private static final class Found {
    Form form;
    int start; // the name's first character, or its opening quote or dash
    int nameStart;
    int nameEnd;
    String op; // trimmed: "=", ":", ":=", "=>", ",", "]=", or " " for a spaced flag
    boolean spacedOp; // blank before '=' (code style: token = x)
    int valueStart;
    int valueEnd;
    boolean quoted;
  }

  AssignmentRule() {
    super("assignment");
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    collect(text, lower, null, out, priority);
  }

  @Override
  List<AnchorScan.Set> anchorSets() {
    return List.of(new AnchorScan.Set(ANCHORS, true));
  }

  @Override
  void collect(String text, String lower, AnchorScan.Found found, Spans out, int priority) {
    int[] at = positions(found, lower, ANCHORS);
    int lastName = -1;
    int done = 0; // names before this were part of a value already judged
    for (int p : at) {
      int s = p;
      while (s > 0 && isNameChar(text.charAt(s - 1))) {
        s--;
      }
      if (s == lastName || s < done || afterMarker(text, s)) {
        continue;
      }
      lastName = s;
      if (!mayName(text, s, runEnd(text, s))) {
        continue; // tokens, keyboard, path, max_tokens: most anchors end here, unparsed
      }
      Found f = parse(text, s);
      if (f != null && !isListItem(f, text)) {
        boolean hidden = take(f, text, out, priority);
        // Names inside a hidden value were part of it. Inside a rejected one they still count,
        // as a second pass (where an earlier name may now be a marker) would judge them too,
        // unless the value is long enough that re-reading it per name would go quadratic.
        if (hidden || f.valueEnd - f.valueStart > 256) {
          done = f.valueEnd;
        }
      }
    }
  }

  // Whether the name run [s, e) can lead to a secret: a secret name itself, or "key"/"value",
  // which may still turn out to be "API key: …" or a Kubernetes env entry's value.
  private static boolean mayName(String text, int s, int e) {
    int from = s;
    while (from < e && text.charAt(from) == '-') {
      from++;
    }
    String name = text.substring(from, e);
    return name.equalsIgnoreCase("key") || name.equalsIgnoreCase("value")
        || SecretNames.of(name) != SecretNames.Strength.NONE;
  }

  private static Found parse(String text, int s) {
    if (text.charAt(s) == '-') {
      return flag(text, s);
    }
    int q = quoteBefore(text, s);
    if (q >= 0) {
      Found f = quoted(text, q);
      if (f != null) {
        return f;
      }
    }
    return bare(text, s);
  }

  private static Found flag(String text, int s) {
    int n = text.length();
    int i = s + 1;
    if (i < n && text.charAt(i) == '-') {
      i++;
    }
    if (i >= n || !isLetter(text.charAt(i))) {
      return null;
    }
    Found f = new Found();
    f.form = Form.FLAG;
    f.start = s;
    f.nameStart = i;
    f.nameEnd = runEnd(text, i);
    int j = f.nameEnd;
    if (j < n && text.charAt(j) == '=') {
      f.op = "=";
      j++;
    } else {
      int k = skipBlanks(text, j);
      // a following flag, redirect or pipe is not this flag's value
      if (k == j || k >= n || "-<>|&;#".indexOf(text.charAt(k)) >= 0) {
        return null;
      }
      f.op = " ";
      j = k;
    }
    return value(text, j, f);
  }

  private static Found quoted(String text, int q) {
    int n = text.length();
    boolean escaped = text.charAt(q) == '\\';
    char quote = text.charAt(escaped ? q + 1 : q);
    int i = q + (escaped ? 2 : 1);
    if (i >= n || !(isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
      return null;
    }
    int nameStart = i;
    while (i < n && i - nameStart < 61 && (isNameChar(text.charAt(i)) || text.charAt(i) == ' ')) {
      i++;
    }
    if (escaped) {
      if (i + 1 >= n || text.charAt(i) != '\\' || text.charAt(i + 1) != quote) {
        return null;
      }
    } else if (i >= n || text.charAt(i) != quote) {
      return null;
    }
    Found f = new Found();
    f.form = Form.QUOTED;
    f.start = q;
    f.nameStart = nameStart;
    f.nameEnd = i;
    int j = skipBlanks(text, i + (escaped ? 2 : 1));
    if (j >= n) {
      return null;
    }
    char c = text.charAt(j);
    char next = j + 1 < n ? text.charAt(j + 1) : ' ';
    if (c == '=' && next == '>') {
      f.op = "=>";
      j += 2;
    } else if ((c == ':' || c == '=') && next != '=') {
      f.op = String.valueOf(c);
      j++;
    } else if (c == ',') {
      f.op = ",";
      j++;
    } else if (c == ']') {
      int k = skipBlanks(text, j + 1);
      if (k >= n || text.charAt(k) != '=' || (k + 1 < n && text.charAt(k + 1) == '=')) {
        return null;
      }
      f.op = "]=";
      j = k + 1;
    } else {
      return null;
    }
    return value(text, skipBlanks(text, j), f);
  }

  private static Found bare(String text, int s) {
    int n = text.length();
    char first = text.charAt(s);
    if (!(isLetter(first) || first == '_')) {
      return null; // names start with a letter; a digit or dot here is inside something else
    }
    if (s > 0 && (text.charAt(s - 1) == '@' || text.charAt(s - 1) == '/')) {
      return null; // user@host, a/path
    }
    if (afterFieldMarker(text, s)) {
      return null; // ":param token: the token to send" documents a parameter
    }
    Found f = new Found();
    f.form = Form.BARE;
    f.start = s;
    f.nameStart = s;
    f.nameEnd = runEnd(text, s);
    int j = skipBlanks(text, f.nameEnd);
    f.spacedOp = j > f.nameEnd;
    if (j >= n) {
      return null;
    }
    char c = text.charAt(j);
    char next = j + 1 < n ? text.charAt(j + 1) : '\n';
    if ((c == ':' && next == '=') || (c == '=' && next == '>') || ((c == '?' || c == '+') && next == '=')) {
      f.op = c == '=' ? "=>" : c == ':' ? ":=" : "=";
      j += 2;
    } else if (c == '=' && next != '=' && next != '~') {
      f.op = "=";
      j++;
    } else if (c == ':' && (next == ' ' || next == '\t') && !f.spacedOp) {
      f.op = ":"; // YAML wants the blank, which keeps user:pass and a::b out; "pw : number" is a docstring
      j++;
    } else {
      return null;
    }
    return value(text, skipBlanks(text, j), f);
  }

  private static boolean afterFieldMarker(String text, int s) {
    for (String marker : FIELD_MARKERS) {
      if (text.startsWith(marker, s - marker.length())) {
        return true;
      }
    }
    return false;
  }

  // The value at i: \"json-escaped\", "double", 'single' (an unclosed quote runs to the line
  // end, since callers truncate) or unquoted up to a blank or delimiter.
  private static Found value(String text, int i, Found f) {
    int n = text.length();
    if (i >= n) {
      return null;
    }
    char c = text.charAt(i);
    if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
      int j = i + 2;
      while (j < n) {
        char d = text.charAt(j);
        if (d == '\n' || d == '"'
            || (d == '\\' && (j + 1 >= n || text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\n'))) {
          break;
        }
        j += d == '\\' ? 2 : 1;
      }
      return valueSpan(f, i + 2, Math.min(j, n), true);
    }
    if (c == '"') {
      int j = i + 1;
      while (j < n) {
        char d = text.charAt(j);
        if (d == '\n' || d == '"' || (d == '\\' && (j + 1 >= n || text.charAt(j + 1) == '\n'))) {
          break;
        }
        j += d == '\\' ? 2 : 1;
      }
      return valueSpan(f, i + 1, Math.min(j, n), true);
    }
    if (c == '\'') {
      int j = i + 1;
      while (j < n && text.charAt(j) != '\'' && text.charAt(j) != '\n') {
        j++;
      }
      return valueSpan(f, i + 1, j, true);
    }
    int j = i;
    while (j < n && !Character.isWhitespace(text.charAt(j)) && VALUE_STOPS.indexOf(text.charAt(j)) < 0) {
      j++;
    }
    return j == i ? null : valueSpan(f, i, j, false);
  }

  private static Found valueSpan(Found f, int start, int end, boolean quoted) {
    f.valueStart = start;
    f.valueEnd = end;
    f.quoted = quoted;
    return f;
  }

  // ("password", "email") is a list and {"name": "X", "value": …} a record: a quoted name
  // followed by a comma assigns only as a setter's first argument.
  private static boolean isListItem(Found f, String text) {
    return f.form == Form.QUOTED && f.op.equals(",") && !inSetterCall(text, f.start);
  }

  private boolean take(Found f, String text, Spans out, int priority) {
    int vs = f.valueStart;
    int ve = f.valueEnd;
    if (text.startsWith(Spans.MARKER_START, ve)) {
      return false; // the first pass saw this value run on into a secret (and judged it whole)
    }
    if (SecretValues.isPlaceholder(text.substring(vs, ve))) {
      return false; // before trimming: "sk-..." is elided, not "sk-"
    }
    if (!f.quoted) {
      while (ve > vs && text.charAt(ve - 1) == '.') {
        ve--; // "set TOKEN=abc." ends a sentence, not the token
      }
    }
    String value = text.substring(vs, ve);
    if (value.length() < 3 || closesEnclosingLiteral(f, text)
        || sameWords(text.substring(f.nameStart, f.nameEnd), value)) {
      return false; // "utf_8_sig": "utf-8-sig" names itself
    }
    SecretNames.Strength strength = strength(f, text);
    if (strength == SecretNames.Strength.NONE) {
      return false;
    }
    if (inProse(f, text) && SecretValues.isWord(value)) {
      return false; // "Cannot refresh credentials: MFA token required", "First pass: make d squarefree"
    }
    char next = ve < text.length() ? text.charAt(ve) : ' ';
    if (isSecret(value, f.quoted, strength, next, codeSyntax(f, text), f.op.equals(" "))) {
      out.add(vs, ve, priority);
      return true;
    }
    return false;
  }

  // prompt='Password: ', print("Token: " + t): the name sits inside a string literal, and the
  // quote after it closes that literal rather than opening a value. An odd number of the same
  // quote before the name on its line says so.
  private static boolean closesEnclosingLiteral(Found f, String text) {
    if (f.form != Form.BARE || !f.quoted || f.valueStart < 1) {
      return false;
    }
    char quote = text.charAt(f.valueStart - 1);
    if (quote != '"' && quote != '\'') {
      return false;
    }
    int count = 0;
    for (int i = f.nameStart - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
      if (text.charAt(i) == quote && (i == 0 || text.charAt(i - 1) != '\\')) {
        count++;
      }
    }
    return count % 2 == 1;
  }

  // "NAME: value" after another word on the line, or opening a string, is a sentence; YAML keys
  // start their line (after indentation or "- "), and inline maps follow '{' or ','.
  private static boolean inProse(Found f, String text) {
    if (f.form != Form.BARE || !f.op.equals(":") || f.nameStart < 2) {
      return false;
    }
    char before = text.charAt(f.nameStart - 1);
    char word = text.charAt(f.nameStart - 2);
    // or the name opens a string: "pwd: expected bytes, got %s"
    boolean afterWord = Character.isLetterOrDigit(word) || afterMarker(text, f.nameStart - 1);
    return (before == ' ' && afterWord) || before == '"' || before == '\'';
  }

  private static boolean sameWords(String name, String value) {
    return letterDigits(name).equals(letterDigits(value));
  }

  private static String letterDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  private static SecretNames.Strength strength(Found f, String text) {
    String name = text.substring(f.nameStart, f.nameEnd);
    if (f.form == Form.FLAG) {
      int dash = name.indexOf('-');
      if (dash > 0 && SWITCH_VERBS.contains(name.substring(0, dash).toLowerCase(Locale.ROOT))) {
        return SecretNames.Strength.NONE;
      }
      return SecretNames.of(name);
    }
    SecretNames.Strength s = SecretNames.of(name);
    if (s != SecretNames.Strength.NONE) {
      return s;
    }
    if (name.equalsIgnoreCase("value")) {
      return entryName(text, f.start);
    }
    if (f.form == Form.BARE && f.op.equals(":")) {
      // "API key: …", "Secret key: …": the qualifier is the word before
      String prev = previousWord(text, f.nameStart);
      if (prev != null) {
        return SecretNames.of(prev + " " + name);
      }
    }
    return SecretNames.Strength.NONE;
  }

  // Kubernetes/ECS env entries: the "- name: DB_PASSWORD" line (or "name": "X", field) right
  // before "value: hunter2" names the value. Read backwards from the value's name at end.
  private static SecretNames.Strength entryName(String text, int end) {
    int i = end;
    while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t' || text.charAt(i - 1) == '-')) {
      i--;
    }
    if (i >= 2 && text.charAt(i - 1) == 'n' && text.charAt(i - 2) == '\\') {
      i -= 2; // a JSON-escaped line break
    } else if (i >= 1 && (text.charAt(i - 1) == '\n' || text.charAt(i - 1) == ',')) {
      i--;
      if (i >= 1 && text.charAt(i - 1) == '\r') {
        i--;
      }
    } else {
      return SecretNames.Strength.NONE;
    }
    i = skipBack(text, skipQuoteBack(text, skipBack(text, i)));
    int nameEnd = i;
    while (i > 0 && isNameChar(text.charAt(i - 1))) {
      i--;
    }
    if (i == nameEnd) {
      return SecretNames.Strength.NONE;
    }
    String name = text.substring(i, nameEnd);
    i = skipBack(text, skipQuoteBack(text, i));
    if (i < 1 || text.charAt(i - 1) != ':') {
      return SecretNames.Strength.NONE;
    }
    i = skipQuoteBack(text, skipBack(text, i - 1));
    boolean isName = i >= 4 && text.regionMatches(true, i - 4, "name", 0, 4);
    return isName ? SecretNames.of(name) : SecretNames.Strength.NONE;
  }

  private static int skipBack(String text, int i) {
    int j = i;
    while (j > 0 && (text.charAt(j - 1) == ' ' || text.charAt(j - 1) == '\t')) {
      j--;
    }
    return j;
  }

  // before a closing quote, and a JSON escape before that
  private static int skipQuoteBack(String text, int i) {
    if (i > 0 && (text.charAt(i - 1) == '"' || text.charAt(i - 1) == '\'')) {
      return i >= 2 && text.charAt(i - 2) == '\\' ? i - 2 : i - 1;
    }
    return i;
  }

  private static String previousWord(String text, int nameStart) {
    int e = nameStart - 1;
    if (e < 1 || text.charAt(e) != ' ') {
      return null;
    }
    int s = e;
    while (s > 0 && Character.isLetterOrDigit(text.charAt(s - 1))) {
      s--;
    }
    return s < e ? text.substring(s, e) : null;
  }

  // Spaces around '=', ':=' and '=>', a quoted key with a bare value, or a keyword argument
  // (f(token=tok)) mean code, where a bare word is a variable; in a shell line it is the value.
  private static boolean codeSyntax(Found f, String text) {
    if (f.form == Form.FLAG) {
      return false;
    }
    if (f.form == Form.QUOTED || f.op.equals(":=") || f.op.equals("=>") || (f.op.equals("=") && f.spacedOp)) {
      return true;
    }
    int i = f.nameStart - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    return i >= 0 && (text.charAt(i) == '(' || text.charAt(i) == ',');
  }

  private static boolean isSecret(String value, boolean quoted, SecretNames.Strength strength,
      char next, boolean codeSyntax, boolean spacedFlag) {
    if (SecretValues.isPlaceholder(value) || SecretValues.isNumber(value) || SecretValues.isPath(value)
        || SecretValues.isResourceName(value) || value.contains("://")) {
      return false; // an embedded user:pass@ is the URL rule's business
    }
    if (!quoted && SecretValues.isCode(value, next, codeSyntax)) {
      return false;
    }
    if (SecretValues.isReference(value) || SecretValues.isIdentifierName(value)
        || (quoted && SecretValues.isProse(value))) {
      return false;
    }
    if (spacedFlag && (value.length() < 4 || FLAG_PROSE.contains(value.toLowerCase(Locale.ROOT))
        || SecretValues.isSettingList(value))) {
      return false;
    }
    return strength == SecretNames.Strength.STRONG || SecretValues.looksLikeToken(value);
  }

  private static boolean inSetterCall(String text, int quote) {
    int i = quote - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    if (i < 0 || text.charAt(i) != '(') {
      return false;
    }
    int end = i;
    while (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
      i--;
    }
    return SETTERS.contains(text.substring(i, end).toLowerCase(Locale.ROOT));
  }

  // The opening quote of a quoted name ending at or after s ("API Key": a name may hold spaces),
  // including a JSON escape before it; -1 if none.
  private static int quoteBefore(String text, int s) {
    int i = s;
    while (i > 0 && s - i < 60 && (isNameChar(text.charAt(i - 1)) || text.charAt(i - 1) == ' ')) {
      i--;
    }
    if (i == 0 || (text.charAt(i - 1) != '"' && text.charAt(i - 1) != '\'')) {
      return -1;
    }
    return i >= 2 && text.charAt(i - 2) == '\\' ? i - 2 : i - 1;
  }

  private static int runEnd(String text, int i) {
    int j = i;
    while (j < text.length() && isNameChar(text.charAt(j))) {
      j++;
    }
    return j;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNameChar(char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }
}
