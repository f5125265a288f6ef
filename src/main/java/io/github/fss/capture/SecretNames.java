package io.github.fss.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
  private static final Set<String> STRONG_WORDS = Set.of(
      "pass", "pw", "creds", "pat", "storepass", "keypass", "srcstorepass", "deststorepass",
      "passin", "passout");

  // "signature" is not here: a webhook's X-Hub-Signature is a MAC of a payload, not a credential.
  private static final Set<String> WEAK_WORDS = Set.of("auth", "sig");

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
    if (isTypeName(name)) {
      return Strength.NONE;
    }
    List<String> words = words(name);
    for (int i = words.size() - 1; i >= 0; i--) {
      Strength s = indicator(words, i);
      if (s != Strength.NONE) {
        // only the last indicator decides: password_reset_token is a token, token_url is not a secret
        for (int j = i + 1; j < words.size(); j++) {
          if (METADATA.contains(words.get(j))) {
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

  private static Strength indicator(List<String> words, int i) {
    String w = words.get(i);
    if (STRONG_WORDS.contains(w)) {
      return Strength.STRONG;
    }
    for (String ending : STRONG_ENDINGS) {
      if (w.endsWith(ending)) {
        return Strength.STRONG;
      }
    }
    if (w.equals("key") && i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))) {
      return Strength.STRONG;
    }
    if (WEAK_WORDS.contains(w)) {
      return Strength.WEAK;
    }
    return Strength.NONE;
  }

  /** Lower-case words of a name split at separators and camelCase humps, trailing digits dropped (password2). */
  static List<String> words(CharSequence name) {
    List<String> out = new ArrayList<>(4);
    int n = name.length();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? name.charAt(i) : ' ';
      boolean alnum = c < 128 && Character.isLetterOrDigit(c);
      if (start >= 0 && (!alnum || hump(name, i))) {
        add(out, name, start, i);
        start = -1;
      }
      if (alnum && start < 0) {
        start = i;
      }
    }
    return out;
  }

  // apiKey -> api|Key, APIKey -> API|Key, token2Value -> token2|Value
  private static boolean hump(CharSequence s, int i) {
    if (i == 0 || i >= s.length() || !Character.isUpperCase(s.charAt(i))) {
      return false;
    }
    char prev = s.charAt(i - 1);
    if (Character.isLowerCase(prev) || Character.isDigit(prev)) {
      return true;
    }
    return Character.isUpperCase(prev) && i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
  }

  private static void add(List<String> out, CharSequence s, int start, int end) {
    int e = end;
    while (e > start && Character.isDigit(s.charAt(e - 1))) {
      e--;
    }
    if (e > start) {
      out.add(s.subSequence(start, e).toString().toLowerCase(Locale.ROOT));
    }
  }
}
