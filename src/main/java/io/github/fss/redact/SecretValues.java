package io.github.fss.redact;

import java.util.Locale;
import java.util.Set;

/**
 * Tells a real secret value from the things that stand in a secret's place: placeholders
 * ({@code $TOKEN}, {@code <your-key>}, {@code xxx}, {@code ***}), numbers, booleans, paths and,
 * in code, references to variables that hold the secret.
 */
final class SecretValues {

  // Values that name a type, a keyword or a stock placeholder rather than holding a secret:
  // "password: str", "token = None", "if not token: return", "credentials: include".
  private static final Set<String> NOT_SECRETS = Set.of(
      "null", "nil", "none", "undefined", "true", "false", "yes", "no", "on", "off", "empty",
      "blank", "redacted", "hidden", "masked", "secret", "password", "passwd", "pass", "token",
      "key", "apikey", "pw", "pwd", "creds", "credentials", "changeme", "example", "dummy",
      "placeholder", "required", "optional", "string", "str", "int", "integer", "number", "bool",
      "boolean", "bytes", "byte", "any", "object", "text", "varchar", "char", "default", "env",
      "auto", "prompt", "stdin", "include", "omit", "same-origin", "return", "raise", "continue",
      "break", "await", "yield", "del", "not", "and", "or", "lambda", "self", "this", "new",
      "function", "async", "const", "let", "var", "nullptr", "void", "bearer", "basic", "digest",
      "bot", "unset", "todo", "tbd", "fixme", "test", "foo", "bar", "baz", "foobar", "value",
      "unknown", "sensitive", "secure", "securestring", "secretstr", "secretbytes", "str|none",
      // status words in logs ("Secret: forbidden") and permission levels ("id-token: write")
      "read", "write", "forbidden", "denied", "invalid", "missing", "expired", "unauthorized", "ok",
      "error", "failed", "success", "revoked", "valid", "set", "present", "absent", "found",
      "rotated", "pending", "active", "inactive", "disabled", "enabled", "inherit",
      // prose after a label ("password: must be 8+ chars")
      "must", "should", "cannot", "can't", "will", "needs", "need", "has", "have", "does", "the",
      "n/a", "na", "name",
      // type names in annotations ("pseudo_token: Pattern", "secret: Final")
      "pattern", "callable", "union", "tuple", "list", "dict", "iterator", "iterable", "sequence",
      "mapping", "type", "path", "pathlike", "bytearray", "float", "decimal", "datetime", "uuid",
      "url", "anystr", "literal", "final", "classvar", "protocol", "awaitable", "generator", "bytesio",
      "buffer", "array", "map", "record", "unit", "option", "result", "vec", "box", "arc", "rc");

  // Words that begin a stand-in: <your-api-key>, YOUR_TOKEN, example-password, replace_me.
  private static final String[] PLACEHOLDER_PREFIXES = {
    "your", "example", "sample", "dummy", "fake", "placeholder", "replace", "insert", "enter",
    "paste", "put", "change", "todo",
  };

  // a file name ending a value means the value says where a secret is kept
  private static final Set<String> FILE_EXTENSIONS = Set.of(
      "pem", "key", "json", "txt", "p12", "pfx", "crt", "cer", "der", "env", "yaml", "yml", "toml",
      "ini", "cfg", "conf", "gpg", "asc", "kdbx", "jks", "keystore", "pub", "csv", "log");

  private SecretValues() {}

  /** True for an empty value or one that only stands in for a secret. */
  static boolean isPlaceholder(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return true;
    }
    char first = v.charAt(0);
    if (first == '$' || first == '<' || first == '{' || first == '[' || first == '(') {
      return true;
    }
    if (first == '%' && (v.endsWith("%") || v.length() <= 3 || v.charAt(1) == '(')) {
      return true; // %s, %(token)s, %API_KEY%
    }
    if (first == '-' && v.length() > 1 && (Character.isLetter(v.charAt(1)) || v.charAt(1) == '-')
        && isWordLike(v)) {
      return true; // a flag or suffix being assembled: " --username=", "-principals"
    }
    if (first == '#' && v.length() <= 9 && isHex(v, 1)) {
      return true; // a colour, "#d8dee9"
    }
    if (v.startsWith("env:") || v.startsWith("file:") || v.startsWith("fd:")) {
      return true; // openssl -pass env:VAR / file:path: where the secret is, not the secret
    }
    if (first == '!' && v.length() > 1 && Character.isLetter(v.charAt(1)) && v.indexOf(' ') < 0) {
      return true; // a YAML tag such as !Ref or !vault; the value follows elsewhere
    }
    if (v.contains("%s") || v.contains("%d") || v.contains("%r") || v.contains("%(") || v.contains("{}")) {
      return true; // a format string: "%s:%s" % (user, password), "{}:{}".format(…)
    }
    if (v.contains("${") || v.contains("{{") || v.contains("$(") || v.contains("#{")
        || v.contains("...") || v.contains("…") || v.contains("***") || v.contains("•••")) {
      return true;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (NOT_SECRETS.contains(lower) || lower.contains("redacted") || lower.contains("xxxx")) {
      return true;
    }
    if (maskOnly(v)) {
      return true;
    }
    for (String p : PLACEHOLDER_PREFIXES) {
      if (lower.startsWith(p) && wordEndsAt(v, p.length(), p.equals("your"))) {
        return true;
      }
    }
    int n = lower.length();
    return n > 5 && lower.endsWith("here") && "_- ".indexOf(lower.charAt(n - 5)) >= 0;
  }

  // xxx, ***, ----, ????, or one character repeated (aaaaaaaa, 00000000)
  private static boolean maskOnly(String v) {
    boolean allMask = true;
    boolean allSame = true;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      allMask &= "xX*•.#_-?".indexOf(c) >= 0;
      allSame &= c == v.charAt(0);
    }
    return allMask || (allSame && v.length() >= 3);
  }

  // "your" may run on (yourpassword); the others must end as a word (example_token, not examples2024)
  private static boolean wordEndsAt(String v, int i, boolean runOn) {
    if (runOn || i >= v.length()) {
      return true;
    }
    char c = v.charAt(i);
    return c == '_' || c == '-' || c == ' ' || c == '.' || Character.isUpperCase(c);
  }

  /** True for a token-shaped value that is visibly masked or elided: sk-ant-xxxx…, ghp_****, AKIA… */
  static boolean isMasked(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.contains("xxxx") || value.contains("***") || value.contains("...") || value.contains("…")
        || lower.contains("redacted");
  }

  /** True for a value made of letters only (with hyphens or spaces): words, not a password. */
  static boolean isWord(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isLetter(c) && c != '-' && c != ' ') {
        return false;
      }
    }
    return true;
  }

  // dashes, letters, '_' and a final '=': how a flag looks
  private static boolean isWordLike(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean ok = Character.isLetter(c) || c == '-' || c == '_' || (c == '=' && i == v.length() - 1);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** True for a purely numeric value: a port, a count, a limit ({@code max_tokens=100}). */
  static boolean isNumber(String value) {
    int i = value.startsWith("+") || value.startsWith("-") ? 1 : 0;
    int digits = digitsFrom(value, i);
    if (digits == 0) {
      return false;
    }
    i += digits;
    if (i == value.length()) {
      return true;
    }
    return value.charAt(i) == '.' && digitsFrom(value, i + 1) == value.length() - i - 1 && i + 1 < value.length();
  }

  /**
   * True for a cloud resource name: an ARN or a secret manager path
   * ({@code projects/p/secrets/db/versions/1}) says which secret, not what it is.
   */
  static boolean isResourceName(String value) {
    if (value.startsWith("arn:")) {
      return true;
    }
    int slashes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/') {
        slashes++;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
        return false; // lower-case resource paths only; random base64 has upper case
      }
    }
    return slashes >= 2;
  }

  /**
   * True for a file path or file name: where a secret lives is not the secret. A segment that
   * looks machine-made (mixed case and digits, 16+ characters) makes it a value after all:
   * base64 may start with '/'.
   */
  static boolean isPath(String value) {
    int n = value.length();
    boolean path = value.startsWith("/") || value.startsWith("~/") || value.startsWith("./")
        || value.startsWith("../")
        || (n > 3 && isAsciiLetter(value.charAt(0)) && value.charAt(1) == ':' && value.charAt(2) == '\\');
    if (!path) {
      int dot = value.lastIndexOf('.');
      path = dot > 0 && FILE_EXTENSIONS.contains(value.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
    if (!path) {
      return false;
    }
    int segment = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? value.charAt(i) : '/';
      if (c == '/' || c == '\\') {
        if (i - segment >= 16 && looksGenerated(value.substring(segment, i))) {
          return false;
        }
        segment = i + 1;
      } else if (c == '+' || c == '=' || (c == ':' && i != 1)) {
        return false; // base64 and key=value, not a path
      }
    }
    return true;
  }

  /**
   * True when an unquoted value reads as code rather than a literal: a call, a subscript, a
   * generic type, a dotted member chain ({@code os.environ}, {@code self.token}), or, where the
   * surrounding syntax is code-like, a bare variable name without digits.
   */
  static boolean isCode(String value, char next, boolean codeSyntax) {
    if (next == '(' || next == '[' || next == '<' || value.indexOf('(') >= 0 || value.indexOf('[') >= 0) {
      return true;
    }
    if (value.contains("->") || value.contains("::")) {
      return true;
    }
    if (isMemberChain(value) && (!hasDigit(value) || startsLowerWord(value))) {
      // os.environ, self.token, rust_openssl.hpke.X25519Key; a token with a dot in it
      // (kUlvx.E8b7…) has digits and a random first part
      return true;
    }
    return codeSyntax && !hasDigit(value) && identifierEnd(value, 0, false) == value.length();
  }

  /** True when the value is itself the name of a secret ({@code token=GITHUB_TOKEN}): a reference. */
  static boolean isReference(String value) {
    return !hasDigit(value) && identifierEnd(value, 0, true) == value.length()
        && SecretNames.of(value) != SecretNames.Strength.NONE;
  }

  /** True when the value is a call (base64(user:pass), getToken()): code, not a credential. */
  static boolean isCall(String value) {
    int i = identifierEnd(value, 0, false);
    while (i > 0 && i < value.length() && value.charAt(i) == '.') {
      i = identifierEnd(value, i + 1, false);
    }
    return i > 0 && i < value.length() && value.charAt(i) == '(';
  }

  /** True for {@code id=npmrc,src=…} after a flag: a list of settings, not a secret. */
  static boolean isSettingList(String value) {
    int i = 0;
    while (i < value.length() && (isAsciiLetter(value.charAt(i)) || value.charAt(i) == '_')) {
      i++;
    }
    return i > 0 && i < value.length() && value.charAt(i) == '=';
  }

  /**
   * True when the value looks like a machine-made credential rather than a word of prose or a
   * number-like identifier (an OID, a version): letters and digits mixed, or very long.
   */
  static boolean looksLikeToken(String value) {
    if (value.length() < 8 || value.indexOf(' ') >= 0) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < value.length() && !letter; i++) {
      char c = value.charAt(i);
      letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return (letter && hasDigit(value)) || value.length() >= 32;
  }

  /** True for a quoted value that is a sentence ("This field is required."), not a passphrase. */
  static boolean isProse(String value) {
    int spaces = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == ' ') {
        spaces++;
      }
    }
    char last = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
    return spaces >= 3 && ".!?:".indexOf(last) >= 0;
  }

  /**
   * True for a value that names something rather than being a secret: a CamelCase type
   * ({@code SecretStr}, {@code PrivateKeyTypes}) or a multi-part identifier without digits
   * ({@code AWS_ACCESS_KEY_ID}, {@code next_marker}, {@code app.db.password},
   * {@code serverlessrepo:applicationId}).
   */
  static boolean isIdentifierName(String value) {
    int n = value.length();
    if (n < 3 || hasDigit(value)) {
      return false;
    }
    int upper = 0;
    int lower = 0;
    int separators = 0;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if ((c == '_' || c == '.' || c == ':') && i > 0 && i < n - 1 && value.charAt(i - 1) != c) {
        separators++;
      } else {
        return false;
      }
    }
    boolean camelType = separators == 0 && Character.isUpperCase(value.charAt(0)) && upper >= 2 && lower >= 1;
    return camelType || separators > 0;
  }

  // a.b.c (2+ identifiers), optionally ending in ! or ? (TypeScript non-null, Kotlin/Swift optional)
  private static boolean isMemberChain(String value) {
    int n = value.length();
    if (n > 0 && (value.charAt(n - 1) == '!' || value.charAt(n - 1) == '?')) {
      n--;
    }
    int parts = 0;
    int i = 0;
    while (true) {
      int end = identifierEnd(value, i, false);
      if (end == i || end > n) {
        return false;
      }
      parts++;
      if (end == n) {
        return parts >= 2;
      }
      if (value.charAt(end) != '.') {
        return false;
      }
      i = end + 1;
    }
  }

  // End of the identifier starting at i ([A-Za-z_$][A-Za-z0-9_$]*, with '.' and '-' inside when
  // dotted), or i when there is none.
  private static int identifierEnd(String s, int i, boolean dotted) {
    int n = s.length();
    if (i >= n || !(isAsciiLetter(s.charAt(i)) || s.charAt(i) == '_' || (!dotted && s.charAt(i) == '$'))) {
      return i;
    }
    int j = i + 1;
    while (j < n) {
      char c = s.charAt(j);
      boolean ok = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'
          || (dotted ? c == '.' || c == '-' : c == '$');
      if (!ok) {
        break;
      }
      j++;
    }
    return j;
  }

  // the first part of a member chain is a lower-case identifier of 2+ characters: os., self.,
  // rust_openssl., ed25519.
  private static boolean startsLowerWord(String value) {
    if (value.isEmpty() || value.charAt(0) < 'a' || value.charAt(0) > 'z') {
      return false;
    }
    int i = 1;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        break;
      }
      i++;
    }
    return i >= 2 && i < value.length() && value.charAt(i) == '.';
  }

  private static boolean isHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return s.length() > from;
  }

  // mixed case and a digit: how random strings look and how words and paths do not
  private static boolean looksGenerated(String s) {
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return upper && lower && hasDigit(s);
  }

  private static int digitsFrom(String s, int i) {
    int j = i;
    while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
      j++;
    }
    return j - i;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }
}
