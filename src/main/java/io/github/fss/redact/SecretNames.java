package io.github.fss.redact;

import java.util.Set;

/**
 * Decides from an assignment's name alone whether its value is a secret: {@code api_key},
 * {@code PGPASSWORD} and {@code clientSecret} are; {@code sort_key}, {@code max_tokens},
 * {@code token_type} and {@code tokenizer} are not.
 */
final class SecretNames {

  /** How far a name alone can be trusted to mark its value as secret. */
  enum Strength {
    /** The name says nothing about secrecy. */
    NONE,
    /** The name hints at a credential ({@code auth}): the value must also look like one. */
    WEAK,
    /** The name says secret ({@code password}, {@code api_key}, {@code GITHUB_TOKEN}). */
    STRONG
  }

  // Matched as word endings so that run-together names (PGPASSWORD, csrftoken, OPENAI_APIKEY) count too;
  // plurals (tokens, secrets) deliberately do not: they name collections or counts, not a value.
  private static final String[] STRONG_ENDINGS = {
    "password", "passwd", "passphrase", "secret", "token", "pwd", "credential", "credentials",
    "apikey", "accesskey", "secretkey", "privatekey", "authkey", "signingkey", "masterkey",
    "encryptionkey", "accountkey", "licensekey", "sessionkey", "servicekey", "clientkey",
  };

  // Whole words only: as endings they would hit bypass, compass, spat, ...
  private static final String[] STRONG_WORDS = {
    "pass", "pw", "creds", "pat", "storepass", "keypass", "srcstorepass", "deststorepass",
    "passin", "passout",
  };

  // Not "signature"/"sig": a webhook's X-Hub-Signature is a MAC of a payload, and a signed URL's
  // signature is the url-signature rule's business.
  private static final String[] WEAK_WORDS = {"auth"};

  // "key" alone is everywhere (sort_key, primary_key, keyboard); it names a secret only after one of these.
  private static final Set<String> KEY_QUALIFIERS = Set.of(
      "api", "secret", "private", "access", "client", "signing", "sign", "encryption", "encrypt",
      "decryption", "master", "auth", "account", "subscription", "license", "licence", "hmac",
      "session", "admin", "consumer", "shared", "app", "service", "webhook", "jwt", "cookie", "aes",
      "crypt", "crypto", "storage", "sas", "deploy", "write", "ingest");

  // A first word that makes the name a flag, a count or a function rather than the secret:
  // is_password, allow_credentials, get_token, num_tokens, show_token. Not refresh/reset/read/
  // verify: refresh_token, reset_token and verify_token are secrets.
  private static final Set<String> NON_SECRET_LEADS = Set.of(
      "is", "has", "use", "allow", "should", "can", "must", "need", "needs", "enable", "enabled",
      "disable", "require", "requires", "with", "without", "no", "skip", "show", "hide", "ask",
      "prompt", "get", "load", "save", "parse", "check", "validate", "generate", "create", "delete",
      "revoke", "fetch", "find", "lookup", "encode", "decode", "strip", "mask", "redact", "log",
      "print", "num", "max", "min", "count", "total", "list", "from", "make", "build", "handle",
      "on", "to");

  // A word after the secret word that turns the name into metadata about the secret:
  // token_type, password_file, secret_name, api_key_id, token_expires_at, max_tokens_limit.
  private static final Set<String> METADATA = Set.of(
      "file", "files", "filename", "path", "paths", "dir", "directory", "folder", "name", "names",
      "id", "ids", "type", "types", "kind", "url", "uri", "urls", "endpoint", "host", "length", "len",
      "size", "count", "ttl", "expiry", "expires", "expiration", "expire", "expired", "lifetime",
      "timeout", "at", "in", "header", "headers", "field", "fields", "param", "params", "prefix",
      "suffix", "env", "var", "variable", "vars", "ref", "arn", "policy", "format", "mode",
      "location", "cmd", "command", "helper", "provider", "source", "manager", "required", "enabled",
      "enable", "disabled", "min", "max", "limit", "limits", "version", "pattern", "regex", "label",
      "hint", "prompt", "placeholder", "usage", "used", "budget", "index", "idx", "hash", "hashed",
      "digest", "fingerprint", "algorithm", "alg", "algo", "scope", "scopes", "audience", "issuer",
      "owner", "list", "map", "dict", "method", "style", "strategy", "rotation", "reset", "strength",
      "input", "widget", "form", "error", "errors", "message", "msg", "stdin", "store", "storage",
      "backend", "class", "factory", "handler", "validator", "generator", "parser", "email", "user",
      "username", "login", "changed", "updated", "created", "sent", "set", "check", "valid",
      "number", "option", "options", "schema", "template", "service", "server", "region", "bucket",
      "table", "column", "key", "keys", "warning", "exception", "exc", "test", "tests", "spec", "mock",
      "settings", "setting", "config", "configuration", "client", "level", "flag", "flags", "callback",
      "func", "function", "fn", "context", "ctx", "lexer", "marker", "rotated", "last", "date", "time",
      "timestamp", "age", "status", "state", "identifier", "generation", "challenge");

  // Tokens that only page through results or make a call idempotent: NextToken,
  // --starting-token, idempotency_token, LockToken. Not client/request/csrf: those can be secret.
  private static final Set<String> ROUTINE_TOKEN_KINDS = Set.of(
      "next", "page", "pagination", "continuation", "starting", "idempotency", "cancellation", "lock",
      "change", "sync", "resume");

  private SecretNames() {}

  /** The strength of {@code name} (an identifier, flag without dashes, header or dotted property). */
  static Strength of(CharSequence name) {
    int n = name.length();
    if (n == 0 || n > 200 || isTypeName(name)) {
      return Strength.NONE;
    }
    // Plain loops over a lower-cased array: this runs for every candidate name in a cold JVM,
    // where each method call in a loop is what costs.
    char[] original = lastSegment(name.toString()).toCharArray();
    n = original.length;
    char[] lc = new char[n];
    for (int i = 0; i < n; i++) {
      char c = original[i];
      lc[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    int[] starts = new int[n];
    int[] ends = new int[n];
    int count = words(original, starts, ends);
    if (count > 1 && NON_SECRET_LEADS.contains(new String(lc, starts[0], ends[0] - starts[0]))) {
      return Strength.NONE;
    }
    for (int i = 0; i < count; i++) {
      if (regionIs(lc, starts[i], "public") || regionIs(lc, starts[i], "publishable")) {
        return Strength.NONE; // public_key, publicKeyToken, publishable_key: meant to be shared
      }
    }
    for (int i = count - 1; i >= 0; i--) {
      Strength s = indicator(lc, starts, ends, i);
      if (s != Strength.NONE) {
        // only the last indicator decides: password_reset_token is a token, token_url is not a secret
        for (int j = i + 1; j < count; j++) {
          if (METADATA.contains(new String(lc, starts[j], ends[j] - starts[j]))) {
            return Strength.NONE;
          }
        }
        return s;
      }
    }
    return Strength.NONE;
  }

  // A dotted name is judged by its last part: spring.datasource.password is a password,
  // _PassArg.eval_context is not. A bare "key" keeps its qualifier: jwt.secret.key.
  private static String lastSegment(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return name;
    }
    if (name.length() - dot - 1 == 3 && name.regionMatches(true, dot + 1, "key", 0, 3)) {
      int before = name.lastIndexOf('.', dot - 1);
      return name.substring(before + 1);
    }
    return name.substring(dot + 1);
  }

  // v1.Secret, models.Token, corev1.Secret: a qualified type in code or a log, not a setting
  private static boolean isTypeName(CharSequence name) {
    int dot = name.toString().lastIndexOf('.');
    return dot >= 0 && dot + 2 < name.length() && Character.isUpperCase(name.charAt(dot + 1))
        && Character.isLowerCase(name.charAt(dot + 2));
  }

  private static Strength indicator(char[] lc, int[] starts, int[] ends, int i) {
    int a = starts[i];
    int b = ends[i];
    if (b - a > 2 && lc[a] == 'n' && lc[a + 1] == 'o' && i == 0 && ends.length > 0 && b == lc.length) {
      // nopassword, notoken: the absence of one (only as a whole run-together name)
      String rest = new String(lc, a + 2, b - a - 2);
      for (String ending : STRONG_ENDINGS) {
        if (rest.equals(ending)) {
          return Strength.NONE;
        }
      }
    }
    if (i > 0 && b - a == 5 && regionIs(lc, a, "token")
        && ROUTINE_TOKEN_KINDS.contains(new String(lc, starts[i - 1], ends[i - 1] - starts[i - 1]))) {
      return Strength.NONE;
    }
    for (String w : STRONG_WORDS) {
      if (b - a == w.length() && regionIs(lc, a, w)) {
        return Strength.STRONG;
      }
    }
    char last = lc[b - 1];
    if (last == 'd' || last == 'e' || last == 't' || last == 'n' || last == 'l' || last == 's' || last == 'y') {
      for (String ending : STRONG_ENDINGS) {
        if (b - a >= ending.length() && regionIs(lc, b - ending.length(), ending)) {
          return Strength.STRONG;
        }
      }
    }
    if (b - a == 3 && regionIs(lc, a, "key") && i > 0
        && KEY_QUALIFIERS.contains(new String(lc, starts[i - 1], ends[i - 1] - starts[i - 1]))) {
      return Strength.STRONG;
    }
    for (String w : WEAK_WORDS) {
      if (b - a == w.length() && regionIs(lc, a, w) && b == lc.length) {
        return Strength.WEAK; // only as the last word: DefineAuthChallenge is a hook, not a credential
      }
    }
    return Strength.NONE;
  }

  private static boolean regionIs(char[] lc, int at, String s) {
    if (at < 0 || at + s.length() > lc.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (lc[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Splits a name at separators and camelCase humps (apiKey, APIKey, token2Value) into word
   * ranges of {@code c}, trailing digits dropped (password2); returns the number of words.
   */
  private static int words(char[] c, int[] starts, int[] ends) {
    int n = c.length;
    int count = 0;
    int start = -1;
    for (int i = 0; i <= n; i++) {
      char ch = i < n ? c[i] : ' ';
      boolean upper = ch >= 'A' && ch <= 'Z';
      boolean alnum = upper || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
      boolean hump = false;
      if (start >= 0 && upper && i > start) {
        char prev = c[i - 1];
        boolean prevUpper = prev >= 'A' && prev <= 'Z';
        boolean nextLower = i + 1 < n && c[i + 1] >= 'a' && c[i + 1] <= 'z';
        hump = !prevUpper || nextLower;
      }
      if (start >= 0 && (!alnum || hump)) {
        int e = i;
        while (e > start && c[e - 1] >= '0' && c[e - 1] <= '9') {
          e--;
        }
        if (e > start) {
          starts[count] = start;
          ends[count] = e;
          count++;
        }
        start = -1;
      }
      if (alnum && start < 0) {
        start = i;
      }
    }
    return count;
  }
}
