package io.github.fss.capture;

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
    /** The name hints at a credential ({@code auth}, a SAS {@code sig}): the value must also look like one. */
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

  // "signature" is not here: a webhook's X-Hub-Signature is a MAC of a payload, not a credential.
  private static final String[] WEAK_WORDS = {"auth", "sig"};

  // "key" alone is everywhere (sort_key, primary_key, keyboard); it names a secret only after one of these.
  private static final Set<String> KEY_QUALIFIERS = Set.of(
      "api", "secret", "private", "access", "client", "signing", "sign", "encryption", "encrypt",
      "decryption", "master", "auth", "account", "subscription", "license", "licence", "hmac",
      "session", "admin", "consumer", "shared", "app", "service", "webhook", "jwt", "cookie", "aes",
      "crypt", "crypto", "storage", "sas", "root", "deploy", "write", "ingest");

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
      "table", "column", "key", "keys");

  private SecretNames() {}

  /** The strength of {@code name} (an identifier, flag without dashes, header or dotted property). */
  static Strength of(CharSequence name) {
    int n = name.length();
    if (n == 0 || n > 200 || isTypeName(name)) {
      return Strength.NONE;
    }
    // Plain loops over a lower-cased array: this runs for every candidate name in a cold JVM,
    // where each method call in a loop is what costs.
    char[] original = name.toString().toCharArray();
    char[] lc = new char[n];
    for (int i = 0; i < n; i++) {
      char c = original[i];
      lc[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    int[] starts = new int[n];
    int[] ends = new int[n];
    int count = words(original, starts, ends);
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

  // v1.Secret, models.Token, corev1.Secret: a qualified type in code or a log, not a setting
  private static boolean isTypeName(CharSequence name) {
    int dot = name.toString().lastIndexOf('.');
    return dot >= 0 && dot + 2 < name.length() && Character.isUpperCase(name.charAt(dot + 1))
        && Character.isLowerCase(name.charAt(dot + 2));
  }

  private static Strength indicator(char[] lc, int[] starts, int[] ends, int i) {
    int a = starts[i];
    int b = ends[i];
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
      if (b - a == w.length() && regionIs(lc, a, w)) {
        return Strength.WEAK;
      }
    }
    return Strength.NONE;
  }

  private static boolean regionIs(char[] lc, int at, String s) {
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
