package io.github.fss.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Settings from {@code $FSS_HOME/config.properties}, overridden by the environment
 * ({@code FSS_RETENTION_DAYS}, {@code FSS_MAX_CHECKPOINTS}, {@code FSS_TOKEN_BUDGET}).
 * Extra redaction patterns are {@code redact.<name>=<regex>} lines.
 */
public record StoreConfig(int retentionDays, int maxCheckpoints, int tokenBudget,
    Map<String, String> extraRedactions) {

  public static final int DEFAULT_RETENTION_DAYS = 7;
  public static final int DEFAULT_MAX_CHECKPOINTS = 10;
  public static final int DEFAULT_TOKEN_BUDGET = 1500;
  public static final String FILE_NAME = "config.properties";

  public StoreConfig {
    extraRedactions = Map.copyOf(extraRedactions);
  }

  public static StoreConfig defaults() {
    return new StoreConfig(DEFAULT_RETENTION_DAYS, DEFAULT_MAX_CHECKPOINTS, DEFAULT_TOKEN_BUDGET, Map.of());
  }

  /** Reads the config file (absent = defaults) and applies environment overrides. */
  public static StoreConfig load(Path fssHome, Map<String, String> env) {
    Properties p = new Properties();
    try (Reader r = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(
        RegularFiles.read(fssHome.resolve(FILE_NAME), 1 << 20)), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      // no config file: defaults
    } catch (IOException | IllegalArgumentException e) {
      // an unreadable config must not stop capture; defaults apply and doctor reports it
    }
    int days = positive(env.get("FSS_RETENTION_DAYS"),
        positive(p.getProperty("retention_days"), DEFAULT_RETENTION_DAYS));
    int max = positive(env.get("FSS_MAX_CHECKPOINTS"),
        positive(p.getProperty("max_checkpoints"), DEFAULT_MAX_CHECKPOINTS));
    int budget = positive(env.get("FSS_TOKEN_BUDGET"),
        positive(p.getProperty("token_budget"), DEFAULT_TOKEN_BUDGET));
    Map<String, String> extra = new LinkedHashMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith("redact.") && name.length() > 7) {
        extra.put(name.substring(7), p.getProperty(name));
      }
    }
    return new StoreConfig(days, max, budget, extra);
  }

  private static int positive(String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.trim());
      return v > 0 ? v : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
