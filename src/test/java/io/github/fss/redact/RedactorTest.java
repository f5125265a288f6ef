package io.github.fss.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the redactor hides, what it keeps, and how it treats user patterns. All values are fake. */
class RedactorTest {
  private final Redactor redactor = Redactor.standard(Map.of());

  private void assertRedacts(String input, String expected) {
    assertEquals(expected, redactor.redact(input), "redacting: " + input);
  }

  private void assertKeeps(String input) {
    assertEquals(input, redactor.redact(input), "should be left alone");
  }

  // ---- token shapes

  @Test
  void hidesAwsAccessKeyIds() {
    assertRedacts("export AWS_ACCESS_KEY_ID=AKIAQJ2XVBOTHD2WTFLH",
        "export AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key]");
    assertRedacts("key ASIAQIFPUW45YDESOK72 expired", "key [REDACTED:aws-access-key] expired");
    assertKeeps("ASIAPACIFICREGIONALOFFICE is not a key, nor is AKIA1234");
  }

  @Test
  void hidesAwsSecretKeysNearAnAwsOrSecretContext() {
    String secret = "wJa1rXUtnFEMI/K7MDENG/bPxRfiCYz9x2Lq0Wp3";
    assertRedacts("aws_secret_access_key = " + secret, "aws_secret_access_key = [REDACTED:aws-secret-key]");
    assertRedacts("AWS_SECRET_ACCESS_KEY=" + secret, "AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-key]");
    assertRedacts("aws configure set aws_secret_access_key " + secret + " --profile prod",
        "aws configure set aws_secret_access_key [REDACTED:aws-secret-key] --profile prod");
    assertRedacts("\"SecretAccessKey\": \"" + secret + "\",", "\"SecretAccessKey\": \"[REDACTED:aws-secret-key]\",");
  }

  @Test
  void keepsFortyCharacterShasAndBase64AwayFromAwsContext() {
    assertKeeps("git show 3f2a9c1d4e5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c # the secret fix");
    assertKeeps("upload wJa1rXUtnFEMI/K7MDENG/bPxRfiCYz9x2Lq0Wp3 somewhere");
  }

  @Test
  void hidesGoogleApiKeys() {
    assertRedacts("GOOGLE_API_KEY=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
        "GOOGLE_API_KEY=[REDACTED:google-api-key]");
  }

  @Test
  void hidesGithubTokensOfEveryPrefix() {
    for (String prefix : new String[] {"ghp_", "gho_", "ghs_", "ghu_", "ghr_"}) {
      assertRedacts("token " + prefix + "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z",
          "token [REDACTED:github-token]");
    }
    assertRedacts("github_pat_11ABCDEFG0123456789abc_defGHIJKLmnopqrSTUVwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWX",
        "[REDACTED:github-token]");
    assertRedacts("git clone https://x-access-token:ghs_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5@github.com/a/b.git",
        "git clone https://x-access-token:[REDACTED:github-token]@github.com/a/b.git");
  }

  @Test
  void hidesOpenAiAndAnthropicKeysUnderTheirOwnNames() {
    assertRedacts("sk-proj-Ab3De5Fg7Hi9Jk1Lm3No5Pq7Rs9Tu1Vw3Xy5Za7", "[REDACTED:openai-key]");
    assertRedacts("OPENAI_API_KEY=sk-Ab3De5Fg7Hi9Jk1Lm3NoT3BlbkFJ5Pq7Rs9Tu1Vw3Xy5Za7",
        "OPENAI_API_KEY=[REDACTED:openai-key]");
    assertRedacts("x-api-key: sk-ant-api03-Ab3De5Fg7Hi9Jk1Lm3No5Pq7Rs9Tu1Vw3Xy5Za7-_AA",
        "x-api-key: [REDACTED:anthropic-key]");
  }

  @Test
  void keepsKebabCaseWordsThatStartWithSk() {
    assertKeeps("npm run task-sk-button-primary-large-variant && sk-learn-compat-shim");
  }

  @Test
  void hidesSlackTokensAndWebhookPaths() {
    assertRedacts("SLACK_BOT_TOKEN=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "SLACK_BOT_TOKEN=[REDACTED:slack-token]");
    assertRedacts("curl -d @msg.json https://hooks.slack.com/services/T0AB12CD3/B0CD34EF5/aBcDeFgHiJkLmNoPqRsTuVwX",
        "curl -d @msg.json https://hooks.slack.com/services/[REDACTED:slack-webhook]");
  }

  @Test
  void hidesStripeSecretAndRestrictedKeysButNotPublishableOnes() {
    assertRedacts("STRIPE_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc", "STRIPE_SECRET_KEY=[REDACTED:stripe-key]");
    assertRedacts("rk_live_4eC39HqLyjWDarjtT1zdp7dc", "[REDACTED:stripe-key]");
    assertRedacts("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "[REDACTED:stripe-key]");
    assertKeeps("Stripe.setPublishableKey('pk_live_4eC39HqLyjWDarjtT1zdp7dc')");
  }

  @Test
  void hidesJwts() {
    String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
        + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    assertRedacts("Cookie: session=" + jwt, "Cookie: session=[REDACTED:jwt]");
  }

  @Test
  void hidesGitlabNpmHuggingfaceAndPypiTokens() {
    assertRedacts("PRIVATE-TOKEN: glpat-Ab3De5Fg7Hi9Jk1Lm3No", "PRIVATE-TOKEN: [REDACTED:gitlab-token]");
    assertRedacts("//registry.npmjs.org/:_authToken=npm_Ab3De5Fg7Hi9Jk1Lm3No5Pq7Rs9Tu1Vw3Xy5",
        "//registry.npmjs.org/:_authToken=[REDACTED:npm-token]");
    assertRedacts("huggingface-cli login --token hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh",
        "huggingface-cli login --token [REDACTED:huggingface-token]");
    assertRedacts("password = pypi-AgEIcHlwaS5vcmcAb3De5Fg7Hi9Jk1Lm3No5Pq7Rs9Tu1Vw3Xy5Za7Bc9De1Fg3Hi5Jk7Lm9No1",
        "password = [REDACTED:pypi-token]");
  }

  @Test
  void leavesMaskedTokenShapesAlone() {
    assertKeeps("ANTHROPIC_API_KEY=sk-ant-xxxxxxxxxxxxxxxxxxxxxxxx");
    assertKeeps("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");
  }

  // ---- private keys

  @Test
  void hidesWholePrivateKeyBlocks() {
    assertRedacts("before -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1b2\nc3d4==\n-----END RSA PRIVATE KEY----- after",
        "before [REDACTED:private-key] after");
    assertRedacts("\"key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n\"",
        "\"key\": \"[REDACTED:private-key]\\n\"");
  }

  @Test
  void hidesATruncatedPrivateKeyBlockToTheEnd() {
    assertRedacts("here (cut): -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU",
        "here (cut): [REDACTED:private-key]");
  }

  @Test
  void keepsCertificatesAndPublicKeys() {
    assertKeeps("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----");
    assertKeeps("-----BEGIN PUBLIC KEY-----");
  }

  // ---- headers and URLs

  @Test
  void hidesAuthorizationHeaderCredentialsKeepingTheScheme() {
    assertRedacts("curl -H \"Authorization: Bearer abc123def456ghi789\" https://api.example.com",
        "curl -H \"Authorization: Bearer [REDACTED:auth-header]\" https://api.example.com");
    assertRedacts("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [REDACTED:auth-header]");
    assertRedacts("headers={\"Authorization\": \"token 0123abcd4567efgh\"}",
        "headers={\"Authorization\": \"token [REDACTED:auth-header]\"}");
  }

  @Test
  void hidesMachineMadeBearerTokensInProse() {
    assertRedacts("the api replied 401 with Bearer 9f8e7d6c5b4a39281706 again",
        "the api replied 401 with Bearer [REDACTED:bearer-token] again");
    assertKeeps("Use a bearer token for the internal API. Bearer authentication is simpler.");
  }

  @Test
  void keepsHeaderPlaceholdersAndProse() {
    assertKeeps("curl -H \"Authorization: Bearer $TOKEN\" https://api.example.com");
    assertKeeps("-H 'Authorization: Bearer <access-token>'");
    assertKeeps("headers: { Authorization: `Bearer ${token}` }");
    assertKeeps("Authorization: Basic base64(user:password)");
    assertKeeps("The Authorization header is missing when the request is retried.");
  }

  @Test
  void hidesUrlPasswordsKeepingUserAndHost() {
    assertRedacts("DATABASE_URL=postgres://admin:S3cr3tPw@db.example.com:5432/app",
        "DATABASE_URL=postgres://admin:[REDACTED:url-password]@db.example.com:5432/app");
    assertRedacts("redis://:p4ss-w0rd@cache:6379/0", "redis://:[REDACTED:url-password]@cache:6379/0");
    assertRedacts("https://bob:p@ss@host.example/x", "https://bob:[REDACTED:url-password]@host.example/x");
  }

  @Test
  void keepsUrlsWithoutPasswords() {
    assertKeeps("https://example.com:8443/login?next=/a@b");
    assertKeeps("ssh://git@github.com:22/acme/web.git");
    assertKeeps("postgres://user:password@localhost:5432/mydb");
    assertKeeps("postgresql://postgres:${PGPASSWORD}@db:5432/app");
  }

  // ---- assignments

  @Test
  void hidesAssignedSecretsKeepingTheName() {
    assertRedacts("export DB_PASSWORD=hunter2", "export DB_PASSWORD=[REDACTED:assignment]");
    assertRedacts("PGPASSWORD=S3cret psql -h db", "PGPASSWORD=[REDACTED:assignment] psql -h db");
    assertRedacts("client_secret: 7f3e1c2a9b", "client_secret: [REDACTED:assignment]");
    assertRedacts("\"apiKey\": \"abcd1234efgh5678\",", "\"apiKey\": \"[REDACTED:assignment]\",");
    assertRedacts("'refresh_token': 'abc123def'", "'refresh_token': '[REDACTED:assignment]'");
    assertRedacts("password = \"hunter2\"", "password = \"[REDACTED:assignment]\"");
    assertRedacts("$env:API_TOKEN = \"abc123def\"", "$env:API_TOKEN = \"[REDACTED:assignment]\"");
    assertRedacts("os.environ[\"SECRET_KEY\"] = \"abc123def\"", "os.environ[\"SECRET_KEY\"] = \"[REDACTED:assignment]\"");
    assertRedacts("define( 'DB_PASSWORD', 'abc123def' );", "define( 'DB_PASSWORD', '[REDACTED:assignment]' );");
    assertRedacts("https://x/export?access_token=abc123def&format=csv",
        "https://x/export?access_token=[REDACTED:assignment]&format=csv");
    assertRedacts("Password=P@ssw0rd;Server=db", "Password=[REDACTED:assignment];Server=db");
  }

  @Test
  void hidesSecretFlagValues() {
    assertRedacts("deploy --password hunter22 --user bob", "deploy --password [REDACTED:assignment] --user bob");
    assertRedacts("deploy --token=abc123xyz", "deploy --token=[REDACTED:assignment]");
    assertRedacts("keytool -list -storepass changeit9", "keytool -list -storepass [REDACTED:assignment]");
    assertRedacts("java -Dspring.datasource.password=abc123 -jar app.jar",
        "java -Dspring.datasource.password=[REDACTED:assignment] -jar app.jar");
  }

  @Test
  void hidesKubernetesEnvEntryValuesNamedBySecretNames() {
    assertRedacts("env:\n  - name: DB_PASSWORD\n    value: \"abc123xyz\"\n",
        "env:\n  - name: DB_PASSWORD\n    value: \"[REDACTED:assignment]\"\n");
    assertRedacts("{\"name\": \"API_TOKEN\", \"value\": \"abc123xyz\"}",
        "{\"name\": \"API_TOKEN\", \"value\": \"[REDACTED:assignment]\"}");
    assertKeeps("- name: LOG_LEVEL\n  value: debug\n");
  }

  @Test
  void hidesSecretsStatedInProse() {
    assertRedacts("my db password is S3cr3t! and login fails", "my db password is [REDACTED:assignment]! and login fails");
    assertRedacts("the api key is 9f8e7d6c5b4a, thanks", "the api key is [REDACTED:assignment], thanks");
    assertKeeps("the password is wrong, and the token was invalid");
  }

  @Test
  void keepsNamesThatOnlyLookSecret() {
    assertKeeps("the keyboard and the monkey and the tokenizer");
    assertKeeps("max_tokens=100");
    assertKeeps("token_type=bearer");
    assertKeeps("password_file: /run/secrets/db_password");
    assertKeeps("secret_name: my-secret");
    assertKeeps("sort_key = lambda row: row[0]");
    assertKeeps("ssh-keygen -t ed25519 --key-file ~/.ssh/id_ed25519");
    assertKeeps("X-Hub-Signature-256: sha256=7d38cdd689735b008b3c702edd92eea23791c5f6d6a6b2c39b3a6d2b4f1e0a9c");
  }

  @Test
  void keepsCodeThatReadsSecretsFromElsewhere() {
    assertKeeps("api_key = os.environ[\"OPENAI_API_KEY\"]");
    assertKeeps("token = tokenizer.encode(text)");
    assertKeeps("const apiKey = process.env.API_KEY;");
    assertKeeps("password: str");
    assertKeeps("token: Option<String>,");
    assertKeeps("self.api_key = api_key");
    assertKeeps("client = OpenAI(api_key=api_key)");
    assertKeeps("if not token: return None");
  }

  @Test
  void keepsPlaceholdersNumbersBooleansAndEmptyValues() {
    assertKeeps("export OPENAI_API_KEY=$OPENAI_API_KEY");
    assertKeeps("API_KEY=${API_KEY:?missing}");
    assertKeeps("API_KEY=<your-key>");
    assertKeeps("API_KEY=your-api-key-here");
    assertKeeps("OPENAI_API_KEY=sk-...");
    assertKeeps("password=xxx");
    assertKeeps("password: \"********\"");
    assertKeeps("token: REDACTED");
    assertKeeps("token: ${{ secrets.GITHUB_TOKEN }}");
    assertKeeps("password: \"{{ vault_db_password }}\"");
    assertKeeps("token_budget=1500");
    assertKeeps("use_token=true");
    assertKeeps("PASSWORD=");
    assertKeeps("api_key: null");
  }

  // ---- command lines

  @Test
  void hidesDbClientPasswordsOnlyWhereMinusPMeansPassword() {
    assertRedacts("mysql -h db -u root -pS3cret shop", "mysql -h db -u root -p[REDACTED:password] shop");
    assertRedacts("mysqldump -uroot -p'S3 cret' --all-databases", "mysqldump -uroot -p[REDACTED:password] --all-databases");
    assertKeeps("mysql -u root -p shop"); // prompts; shop is the database
    assertKeeps("psql -h localhost -p 5432 -U postgres");
    assertKeeps("docker run -p 8080:80 nginx");
    assertKeeps("npm test -- -p 4");
    assertKeeps("docker run -d --name mongo -p 27017:27017 mongo:7");
  }

  @Test
  void hidesPasswordsOfOtherCommandLineClients() {
    assertRedacts("sshpass -p 'Pa55word!' ssh deploy@host", "sshpass -p [REDACTED:password] ssh deploy@host");
    assertRedacts("curl -u admin:Adm1nPass https://ci", "curl -u admin:[REDACTED:password] https://ci");
    assertRedacts("docker login -u ci -p Regi5tryPw registry.example.com",
        "docker login -u ci -p [REDACTED:password] registry.example.com");
    assertRedacts("redis-cli -h cache -a R3disPw ping", "redis-cli -h cache -a [REDACTED:password] ping");
    assertRedacts("mongosh -u admin -p M0ngoPw --authenticationDatabase admin",
        "mongosh -u admin -p [REDACTED:password] --authenticationDatabase admin");
    assertRedacts("machine api.example.com login bot password N3trcPw",
        "machine api.example.com login bot password [REDACTED:password]");
    assertRedacts("CREATE USER 'app'@'%' IDENTIFIED BY 'Sq1Pw';", "CREATE USER 'app'@'%' IDENTIFIED BY [REDACTED:password];");
    assertKeeps("curl -u \"$JENKINS_USER:$JENKINS_TOKEN\" https://ci");
  }

  // ---- private spans, markers, edge cases

  @Test
  void dropsPrivateSpansWhole() {
    assertRedacts("a <private>my address</private> b", "a  b");
    assertRedacts("a <PRIVATE>x</Private> b <private>y</private>c", "a  b c");
    assertRedacts("keep this <private>and drop everything after", "keep this ");
  }

  @Test
  void redactsTheTextLeftAfterPrivateSpans() {
    assertRedacts("<private>x</private>export TOKEN=abc123xyz", "export TOKEN=[REDACTED:assignment]");
  }

  @Test
  void redactingTwiceEqualsRedactingOnce() {
    String[] inputs = {
      "export GITHUB_TOKEN=ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z",
      "AWS_SECRET_ACCESS_KEY=wJa1rXUtnFEMI/K7MDENG/bPxRfiCYz9x2Lq0Wp3 and aws key AKIAQJ2XVBOTHD2WTFLH",
      "postgres://admin:S3cr3tPw@db/app",
      "curl -H \"Authorization: Bearer abc123def456\" -u a:b9c8d7",
      "password: hunter2, token=abc123, \"secret\": \"s3cr3t\"",
      "-----BEGIN EC PRIVATE KEY-----\nabc",
    };
    for (String in : inputs) {
      String once = redactor.redact(in);
      assertEquals(once, redactor.redact(once), "second pass changed: " + once);
    }
  }

  @Test
  void passesNullAndEmptyThrough() {
    assertNull(redactor.redact(null));
    assertEquals("", redactor.redact(""));
    assertKeeps("plain text with nothing secret in it");
  }

  @Test
  void mergesOverlappingFindingsUnderTheMostSpecificKind() {
    assertRedacts("GITHUB_TOKEN=ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z",
        "GITHUB_TOKEN=[REDACTED:github-token]");
  }

  // ---- user patterns

  @Test
  void appliesUserPatternsUnderTheirNames() {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("acme-key", "acme_[a-z0-9]{12}");
    extra.put("ticket", "TICKET-(?<secret>[0-9]{6})");
    Redactor r = Redactor.standard(extra);
    assertEquals("use [REDACTED:acme-key] now", r.redact("use acme_abcdef123456 now"));
    assertEquals("see TICKET-[REDACTED:ticket]", r.redact("see TICKET-123456"));
    assertEquals("[REDACTED:acme-key]", r.redact(r.redact("acme_abcdef123456")));
  }

  @Test
  void skipsAnInvalidUserPatternAndKeepsTheOthers() {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("broken", "([a-z");
    extra.put("acme", "acme_[0-9]{4}");
    Redactor r = Redactor.standard(extra);
    assertEquals("[REDACTED:acme] and ([a-z", r.redact("acme_1234 and ([a-z"));
    assertEquals("x", Redactor.standard(null).redact("x"));
  }

  @Test
  void sanitisesUserKindsSoMarkersStayRecognisable() {
    Redactor r = Redactor.standard(Map.of("my kind]", "zz[0-9]+"));
    assertEquals("[REDACTED:my-kind-]", r.redact("zz123"));
  }

  @Test
  void hidesTheWholeTextWhenAUserPatternBacktracksOutOfBounds() {
    Redactor r = Redactor.standard(Map.of("evil", "(a+)+b"));
    String text = "a".repeat(5_000) + "c";
    String out = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> r.redact(text));
    assertEquals("[REDACTED:evil]", out);
  }

  // ---- robustness

  private static final String[] FRAGMENTS = {
    "pass", "password", "_", "-", "--", "key", "api", "token", "secret", "value", "name", ":", "=", " ",
    "\t", "\n", "\"", "'", "\\", "\\\"", "://", "@", "/", ".", ",", "(", ")", "{", "}", "[", "]", "$",
    "-----BEGIN ", "PRIVATE KEY-----", "-----END ", "sk-", "sk-ant-", "eyJ", "AKIA", "ghp_", "xoxb-",
    "hooks.slack.com/services/", "authorization", "Bearer ", "mysql", "-p", "curl", "-u", "aws", "abc123",
    "Zz9", "[REDACTED:x]", "<private>", "</private>", "%s", "&sig=", "no", "public", "p", "v1.",
  };

  @Test
  void neverThrowsAndStaysIdempotentOnArbitraryText() {
    Random random = new Random(Long.getLong("fuzz.seed", 42));
    for (int n = 0; n < 5_000; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(40); k >= 0; k--) {
        b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String text = b.toString();
      String lower = text.toLowerCase(Locale.ROOT);
      for (SecretRule rule : BuiltInRules.ALL) {
        rule.collect(text, lower, new Spans(), 0); // a throw here would blank the text in production
      }
      String once = redactor.redact(text);
      assertEquals(once, redactor.redact(once), "not idempotent on: " + text);
    }
  }

  // ---- cost

  @Test
  void staysLinearOnDegenerateInput() {
    String[] inputs = {
      "a".repeat(50_000), "=".repeat(50_000), "\"".repeat(50_000), "aws ".repeat(12_500),
      "://u:" + "@".repeat(50_000), "-----BEGIN RSA PRIVATE KEY-----".repeat(1_600),
      "sk-".repeat(16_000), "password=".repeat(5_500), "token: ".repeat(7_000), "--token ".repeat(6_000),
      "mysql " + "x ".repeat(24_000), "curl -u a:" + " ".repeat(50_000), "eyJabcdefghijkl.".repeat(3_000),
      "\\\"token\\\": ".repeat(4_000), "name: X\n value: ".repeat(3_000), "[REDACTED:x]".repeat(4_000),
      "Authorization: ".repeat(3_000), "password is ".repeat(4_000), "<private>".repeat(5_000),
    };
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (String in : inputs) {
        redactor.redact(in);
      }
    });
  }
}
