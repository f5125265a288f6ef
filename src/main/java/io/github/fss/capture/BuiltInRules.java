package io.github.fss.capture;

import io.github.fss.capture.PatternRule.Check;

/**
 * The built-in catalogue of secret shapes, compiled once per JVM. Order is priority: when findings
 * overlap, the marker is named after the earliest rule (so {@code GITHUB_TOKEN=ghp_…} reads
 * {@code [REDACTED:github-token]}, not {@code [REDACTED:assignment]}).
 */
final class BuiltInRules {

  // Not preceded by a token character: keeps AKIA… inside a longer identifier, sk- inside task-…, out.
  private static final String B = "(?<![A-Za-z0-9_-])";
  // An argument value as a shell line spells it: "quoted", 'quoted' or bare (not a following flag).
  private static final String ARG = "(?<v>\"[^\"\\n]*+\"|'[^'\\n]*+'|[^\\s\"'\\\\-][^\\s\"';&|\\\\]*+)";
  // A port or port mapping (-p 8080:80) is not a password even where -p can mean one.
  private static final String NOT_PORT = "(?![0-9][0-9:.]*+(?:[\\s'\"]|\\z))";
  // The rest of one shell command: stops at a line end or the next command.
  private static final String SAME_COMMAND = "(?![A-Za-z0-9_-])[^\\n;&|]*?";

  // A word of prose that may be a secret: up to whitespace or a quote, minus closing punctuation.
  private static final String PROSE_VALUE = "(?<v>[^\\s\"'`]*[^\\s\"'`.,;:!?)])";

  static final SecretRule[] ALL = {
    new PatternRule("private-key",
        "-----BEGIN[A-Z0-9 ]{0,40}?PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
        + "(?:-----END[A-Z0-9 ]{0,40}?PRIVATE KEY(?: BLOCK)?-----|\\z)",
        Check.SHAPE, false, "-----BEGIN"),
    new PatternRule("aws-access-key",
        "(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])", Check.SHAPE, false, "AKIA", "ASIA"),
    // 40 base64 characters are only an AWS secret near "aws"/"secret" on the same line; requiring
    // upper, lower and a digit or /+ keeps 40-hex git SHAs and identifiers out. The context word
    // must not follow ':' or '-', so "[REDACTED:aws-secret-key]" is not context for a second pass.
    new PatternRule("aws-secret-key",
        "(?<![A-Za-z0-9:-])(?i:aws|secret)[^\\n]{0,100}?(?<![A-Za-z0-9/+])"
        + "(?<v>(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9/+])"
        + "[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        Check.SHAPE, true, "aws", "secret"),
    new PatternRule("google-api-key",
        B + "AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", Check.SHAPE, false, "AIza"),
    new PatternRule("github-token",
        "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{20,}+|github_pat_[A-Za-z0-9_]{20,}+)",
        Check.SHAPE, false, "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    new PatternRule("gitlab-token",
        B + "gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,}+", Check.SHAPE, false, "glpat-", "gldt-", "glptt-", "glrt-"),
    new PatternRule("anthropic-key",
        B + "sk-ant-[A-Za-z0-9_-]{20,}+", Check.SHAPE, false, "sk-ant-"),
    // sk- alone starts kebab-case words too (sk-button-primary): demand a digit and a letter, and
    // either an upper-case letter or the length of a real key.
    new PatternRule("openai-key",
        B + "sk-(?!ant-)(?=[A-Za-z0-9_-]*?[0-9])(?=[A-Za-z0-9_-]*?[A-Za-z])"
        + "(?:(?=[A-Za-z0-9_-]*?[A-Z])[A-Za-z0-9_-]{20,}+|[A-Za-z0-9_-]{32,}+)",
        Check.SHAPE, false, "sk-"),
    new PatternRule("slack-webhook",
        "hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<v>[A-Za-z0-9_/+-]{16,}+)",
        Check.SHAPE, false, "hooks.slack.com"),
    new PatternRule("slack-token",
        B + "(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}+", Check.SHAPE, false, "xox", "xapp-"),
    new PatternRule("stripe-key",
        "(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}+|whsec_[A-Za-z0-9+/=]{24,}+)",
        Check.SHAPE, false, "sk_live_", "rk_live_", "sk_test_", "rk_test_", "whsec_"),
    new PatternRule("npm-token",
        "(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", Check.SHAPE, false, "npm_"),
    new PatternRule("huggingface-token",
        "(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}+", Check.SHAPE, false, "hf_"),
    // PyPI API tokens are macaroons whose first bytes always encode "pypi.org".
    new PatternRule("pypi-token",
        "(?<![A-Za-z0-9_])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}+", Check.SHAPE, false, "pypi-AgEIcHlwaS5vcmc"),
    new PatternRule("jwt",
        B + "eyJ[A-Za-z0-9_-]{10,}+\\.[A-Za-z0-9_-]{10,}+\\.[A-Za-z0-9_-]*+", Check.SHAPE, false, "eyJ"),
    new UrlPasswordRule(),
    // Command-line spellings where the password is positional rather than named:
    // mysql -pSECRET (only attached: "mysql -p dbname" prompts and names a database),
    new PatternRule("password",
        B + "(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mysqlslap|mysqlsh|mariadb"
        + "|mariadb-dump|mariadb-admin)" + SAME_COMMAND + "[ \\t]-p" + ARG,
        Check.NOT_PLACEHOLDER, true, "mysql", "mariadb"),
    // sshpass -p SECRET (before the wrapped command, whose own -p is a port),
    new PatternRule("password",
        B + "sshpass(?:[ \\t]++-v)*+[ \\t]++-p[ \\t]*+" + ARG, Check.NOT_PLACEHOLDER, true, "sshpass"),
    // mongo -u admin -p SECRET, redis-cli -a SECRET, docker login -u me -p SECRET,
    new PatternRule("password",
        B + "(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop)"
        + SAME_COMMAND + "[ \\t]-p[ \\t]*+" + NOT_PORT + ARG,
        Check.NOT_PLACEHOLDER, true, "mongo"),
    new PatternRule("password",
        B + "redis-cli" + SAME_COMMAND + "[ \\t]-a[ \\t]++" + ARG, Check.NOT_PLACEHOLDER, true, "redis-cli"),
    new PatternRule("password",
        B + "(?:docker|podman|buildah|skopeo|oras|crane|nerdctl|helm[ \\t]++registry)[ \\t]++login"
        + SAME_COMMAND + "[ \\t]-p[ \\t]++" + NOT_PORT + ARG,
        Check.NOT_PLACEHOLDER, true, "docker", "podman", "buildah", "skopeo", "oras", "crane", "nerdctl", "helm"),
    // curl -u user:SECRET,
    new PatternRule("password",
        B + "curl" + SAME_COMMAND + "[ \\t](?:-u[ \\t]*+|--user(?:[ \\t]++|=))[\"']?[^\\s:\"'\\\\]*+:"
        + "(?<v>[^\\s\"'\\\\]++)",
        Check.NOT_PLACEHOLDER, true, "curl"),
    // .netrc "machine host login me password SECRET" (on one line or several),
    new PatternRule("password",
        B + "machine[ \\t]++\\S++\\s++(?:login[ \\t]++\\S++\\s++)?password[ \\t]++(?<v>\\S++)",
        Check.NOT_PLACEHOLDER, true, "machine"),
    // and SQL: CREATE USER … IDENTIFIED BY 'SECRET', ALTER ROLE … PASSWORD 'SECRET'.
    new PatternRule("password",
        "(?i)" + B + "(?:identified[ \\t]++by|password)[ \\t]++(?<v>'[^'\\n]*+')",
        Check.NOT_PLACEHOLDER, true, "identified by", "password '"),
    // Secrets stated in prose: "my db password is S3cr3t!", "the api key is 9f8e…". Trailing
    // punctuation ends the sentence, not the secret.
    new PatternRule("assignment",
        "(?i)" + B + "(?:password|passwd|passphrase|pwd)[ \\t]++(?:is|was):?[ \\t]++" + PROSE_VALUE,
        Check.NOT_A_WORD, true, "password is", "password was", "passwd is", "passwd was", "passphrase is",
        "passphrase was", "pwd is", "pwd was"),
    new PatternRule("assignment",
        "(?i)(?:(?<![A-Za-z0-9])(?:token|secret)|(?<=(?:api|access|secret)[ _-]?)key)[ \\t]++(?:is|was):?[ \\t]++"
        + PROSE_VALUE,
        Check.TOKEN_LIKE, true, "token is", "token was", "secret is", "secret was", "key is", "key was"),
    // gh secret set NAME --body SECRET
    new PatternRule("assignment",
        B + "gh[ \\t]++secret[ \\t]++set" + SAME_COMMAND + "[ \\t](?:--body|-b)(?:[ \\t]++|=)" + ARG,
        Check.NOT_PLACEHOLDER, true, "gh secret set"),
    // Authorization: Bearer …, also as a curl -H argument, a JSON/dict entry or setHeader("Authorization", …).
    new PatternRule("auth-header",
        "(?i)(?<![A-Za-z0-9_])authorization\\\\?[\"']?[ \\t]*+[:=,][ \\t]*+(?:[a-z]?\\\\?[\"'])?"
        + "(?:(?<scheme>bearer|basic|token|digest|bot|apikey|api-key|key|negotiate|ntlm|sso-key|hmac|jwt|otp)"
        + "[ \\t]++)?(?<v>[^\\s\"'`,;\\\\]++)",
        Check.HEADER, true, "authorization"),
    // "Bearer …" in free text: only when what follows looks machine-made ("bearer token" is prose).
    new PatternRule("bearer-token",
        "(?i)" + B + "bearer[ \\t]++(?<v>[A-Za-z0-9._~+/=-]++)", Check.TOKEN_LIKE, true, "bearer"),
    new AssignmentRule(),
  };

  private BuiltInRules() {}
}
