package io.github.fss.searchd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a running search server answers and how each side proves itself, as the server writes it
 * to {@link RunDir#address()} (mode 0600 in the 0700 run folder): its TCP port on 127.0.0.1, the
 * secret a client sends first ({@code token}), the secret the server answers with ({@code reply}:
 * a process that took the port of a dead server cannot pass for it), its pid, and the launcher build
 * it was started by (the shell client in {@code bin/fss} uses only a server of its own install).
 * One value a line, so a shell reads it with {@code read}; the secrets are 256 bits each, in hex.
 */
record Address(int port, byte[] token, byte[] reply, long pid, String launcherBuild) {
  /** The first line: what the file is, and the version of its layout and of {@link Wire}. */
  static final String HEADER = "fss search server 2";
  /** Hex characters of each secret. */
  static final int SECRET_CHARS = 64;

  /** A new server's address: fresh secrets from the OS's random source. */
  static Address fresh(int port, long pid, String launcherBuild) {
    SecureRandom random = new SecureRandom();
    return new Address(port, secret(random), secret(random), pid, launcherBuild);
  }

  private static byte[] secret(SecureRandom random) {
    byte[] b = new byte[SECRET_CHARS / 2];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b).getBytes(StandardCharsets.US_ASCII);
  }

  byte[] text() {
    return (HEADER + "\n" + port + "\n" + new String(token, StandardCharsets.US_ASCII) + "\n"
        + new String(reply, StandardCharsets.US_ASCII) + "\n" + pid + "\n" + launcherBuild + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The address in {@code run}'s file: null when there is none (no server); an exception when it is
   * not the user's own private file, or not one a server wrote.
   */
  static Address read(RunDir run) throws IOException {
    if (!Files.exists(run.address(), LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    String unsafe = run.unsafeAddress();
    if (unsafe != null) {
      throw new IOException(unsafe);
    }
    byte[] bytes;
    try (var in = Files.newInputStream(run.address(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(4096);
    }
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    if (lines.size() < 6 || !lines.get(0).equals(HEADER) || !secret(lines.get(2)) || !secret(lines.get(3))) {
      throw new IOException(run.address() + " is not a search server's address");
    }
    try {
      int port = Integer.parseInt(lines.get(1));
      if (port < 1 || port > 65535) {
        throw new IOException(run.address() + " names no port");
      }
      return new Address(port, lines.get(2).getBytes(StandardCharsets.US_ASCII),
          lines.get(3).getBytes(StandardCharsets.US_ASCII), Long.parseLong(lines.get(4)), lines.get(5));
    } catch (NumberFormatException e) {
      throw new IOException(run.address() + " is not a search server's address");
    }
  }

  private static boolean secret(String s) {
    if (s.length() != SECRET_CHARS) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
