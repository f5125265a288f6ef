package io.github.fss.redact;

import io.github.fss.redact.PatternRule.Check;
import io.github.fss.redact.TokenShapeRule.Extra;

/**
 * The built-in rules, built once per JVM. Order is priority: when findings overlap, the marker is
 * named after the earliest rule (so {@code GITHUB_TOKEN=ghp_…} reads
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
    new PrivateKeyRule(),
    new TokenShapeRule("aws-access-key", new String[] {"AKIA", "ASIA"}, "", "0-9A-Z", 16, 16,
        "A-Za-z0-9", false, Extra.NONE),
    new AwsSecretRule(),
    new TokenShapeRule("google-api-key", new String[] {"AIza"}, "_-", "0-9A-Za-z_-", 35, 35,
        null, false, Extra.NONE),
    TokenShapeRule.open("github-token", "_", "A-Za-z0-9", 20, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    TokenShapeRule.open("github-token", "_", "A-Za-z0-9_", 20, "github_pat_"),
    TokenShapeRule.open("gitlab-token", "_-", "A-Za-z0-9_-", 20, "glpat-", "gldt-", "glptt-", "glrt-"),
    TokenShapeRule.open("anthropic-key", "_-", "A-Za-z0-9_-", 20, "sk-ant-"),
    new TokenShapeRule("openai-key", new String[] {"sk-"}, "_-", "A-Za-z0-9_-", 20, -1,
        null, false, Extra.OPENAI),
    new TokenShapeRule("slack-webhook", new String[] {"hooks.slack.com/services/",
        "hooks.slack.com/workflows/", "hooks.slack.com/triggers/"}, "", "A-Za-z0-9_/+-", 16, -1,
        null, true, Extra.NONE),
    TokenShapeRule.open("slack-token", "_-", "A-Za-z0-9-", 10,
        "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe-", "xapp-"),
    TokenShapeRule.open("stripe-key", "_", "A-Za-z0-9", 16, "sk_live_", "rk_live_", "sk_test_", "rk_test_"),
    TokenShapeRule.open("stripe-key", "_", "A-Za-z0-9+/=", 24, "whsec_"),
    new TokenShapeRule("npm-token", new String[] {"npm_"}, "_", "A-Za-z0-9", 36, 36,
        null, false, Extra.NONE),
    TokenShapeRule.open("huggingface-token", "_", "A-Za-z0-9", 30, "hf_"),
    // PyPI API tokens are macaroons whose first bytes always encode "pypi.org".
    TokenShapeRule.open("pypi-token", "_", "A-Za-z0-9_-", 50, "pypi-AgEIcHlwaS5vcmc"),
    new TokenShapeRule("jwt", new String[] {"eyJ"}, "_-", "A-Za-z0-9_-", 10, -1,
        null, false, Extra.JWT),
    // A signed URL is a bearer credential until it expires: Azure SAS sig=, S3/CloudFront Signature=.
    new TokenShapeRule("url-signature", new String[] {"?sig=", "&sig=", "X-Amz-Signature=", "&Signature=",
        "?Signature="}, null, "A-Za-z0-9%+/=_~-", 16, -1, null, true, Extra.NONE),
    new UrlPasswordRule(),
    // Command-line spellings where the password is positional rather than named:
    // mysql -pSECRET (only attached: "mysql -p dbname" prompts and names a database),
    new PatternRule("password",
        B + "(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mysqlslap|mysqlsh|mariadb"
        + "|mariadb-dump|mariadb-admin)" + SAME_COMMAND + "[ \\t]-p" + ARG,
        Check.NOT_PLACEHOLDER, true, "mysql", "mariadb").requiring(" -p", "\t-p"),
    // sshpass -p SECRET (before the wrapped command, whose own -p is a port),
    new PatternRule("password",
        B + "sshpass(?:[ \\t]++-v)*+[ \\t]++-p[ \\t]*+" + ARG, Check.NOT_PLACEHOLDER, true, "sshpass")
        .requiring("-p"),
    // mongo -u admin -p SECRET, redis-cli -a SECRET, docker login -u me -p SECRET,
    new PatternRule("password",
        B + "(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop)"
        + SAME_COMMAND + "[ \\t]-p[ \\t]*+" + NOT_PORT + ARG,
        Check.NOT_PLACEHOLDER, true, "mongo").requiring(" -p", "\t-p"),
    new PatternRule("password",
        B + "redis-cli" + SAME_COMMAND + "[ \\t]-a[ \\t]++" + ARG, Check.NOT_PLACEHOLDER, true, "redis-cli")
        .requiring(" -a", "\t-a"),
    new PatternRule("password",
        B + "(?:docker|podman|buildah|skopeo|oras|crane|nerdctl|helm[ \\t]++registry)[ \\t]++login"
        + SAME_COMMAND + "[ \\t]-p[ \\t]++" + NOT_PORT + ARG,
        Check.NOT_PLACEHOLDER, true, "docker", "podman", "buildah", "skopeo", "oras", "crane", "nerdctl", "helm")
        .requiring(" -p ", "\t-p "),
    // curl -u user:SECRET,
    new PatternRule("password",
        B + "curl" + SAME_COMMAND + "[ \\t](?:-u[ \\t]*+|--user(?:[ \\t]++|=))[\"']?[^\\s:\"'\\\\]*+:"
        + "(?<v>[^\\s\"'\\\\]++)",
        Check.NOT_PLACEHOLDER, true, "curl").requiring(" -u", "\t-u", "--user"),
    // .netrc "machine host login me password SECRET" (on one line or several),
    new PatternRule("password",
        B + "machine[ \\t]++\\S++\\s++(?:login[ \\t]++\\S++\\s++)?password[ \\t]++(?<v>\\S++)",
        Check.NOT_PLACEHOLDER, true, "machine").requiring("password"),
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
        Check.NOT_PLACEHOLDER, true, "gh secret set").requiring("-b"),
    new AuthHeaderRule(),
    new BearerTokenRule(),
    new AssignmentRule(),
  };

  private BuiltInRules() {}
}
