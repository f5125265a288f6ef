package io.github.fss.searchd;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search server's protocol, one exchange per connection, in a form a shell can speak too (the
 * launcher's client is bash): lengths are decimal digits, data are bytes. The client sends the
 * address's token ({@link Address#SECRET_CHARS} characters), then a {@link Request}: {@code FSS2}
 * and each field as {@code LENGTH:BYTES} (build, folder, terminal 1/0, clock in epoch milliseconds,
 * the number of arguments and each, the number of variables and each name and value). The server
 * answers the address's reply secret and one byte at once ({@link #ACCEPTED}, or {@link
 * #OTHER_BUILD} and closes); then, when the search is done, an {@link Answer}: a line {@code EXIT
 * OUT ERR BY} of decimal numbers, then that many bytes of stdout, of stderr and of the server's name.
 * Sizes are bounded so a stray writer cannot make either side allocate without limit.
 */
final class Wire {
  private Wire() {}

  static final byte[] MAGIC = {'F', 'S', 'S', '2'};
  static final byte ACCEPTED = 'A';
  static final byte OTHER_BUILD = 'B';
  private static final int MAX_STRING = 1 << 20;
  private static final int MAX_COUNT = 10_000;
  private static final int MAX_OUTPUT = 256 << 20;

  /**
   * One {@code fss search} as the client was started: its argv (from "search" on), working folder,
   * environment, clock, whether its stdin and stdout are a terminal, and the build it runs.
   */
  record Request(String build, String cwd, boolean terminal, long nowMillis, List<String> args,
      Map<String, String> env) {}

  /** What the search printed, byte for byte, and its exit code; {@code by} names the server (for debugging). */
  record Answer(int exit, byte[] out, byte[] err, String by) {}

  static byte[] encode(Request r) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(4096);
    b.writeBytes(MAGIC);
    field(b, r.build());
    field(b, r.cwd());
    field(b, r.terminal() ? "1" : "0");
    field(b, Long.toString(r.nowMillis()));
    field(b, Integer.toString(r.args().size()));
    for (String a : r.args()) {
      field(b, a);
    }
    field(b, Integer.toString(r.env().size()));
    for (Map.Entry<String, String> e : r.env().entrySet()) {
      field(b, e.getKey());
      field(b, e.getValue());
    }
    return b.toByteArray();
  }

  private static void field(ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    b.write(':');
    b.writeBytes(bytes);
  }

  static Request readRequest(InputStream in) throws IOException {
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("not an fss search request");
    }
    String build = string(in);
    String cwd = string(in);
    String terminal = string(in);
    long now = number(string(in), Long.MAX_VALUE);
    int n = (int) number(string(in), MAX_COUNT);
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      args.add(string(in));
    }
    int m = (int) number(string(in), MAX_COUNT);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < m; i++) {
      env.put(string(in), string(in));
    }
    return new Request(build, cwd, terminal.equals("1"), now, args, env);
  }

  static void writeAnswer(OutputStream out, Answer a) throws IOException {
    byte[] by = a.by().getBytes(StandardCharsets.UTF_8);
    out.write((a.exit() + " " + a.out().length + " " + a.err().length + " " + by.length + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(a.out());
    out.write(a.err());
    out.write(by);
    out.flush();
  }

  static Answer readAnswer(InputStream in) throws IOException {
    String[] head = line(in).split(" ", -1);
    if (head.length != 4) {
      throw new IOException("not an answer");
    }
    int exit = (int) number(head[0], 255);
    byte[] out = exactly(in, (int) number(head[1], MAX_OUTPUT));
    byte[] err = exactly(in, (int) number(head[2], MAX_OUTPUT));
    byte[] by = exactly(in, (int) number(head[3], MAX_STRING));
    return new Answer(exit, out, err, new String(by, StandardCharsets.UTF_8));
  }

  /** A line of at most 64 ASCII bytes, without its newline. */
  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0 || sb.length() > 64) {
        throw new EOFException("no answer line");
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  /** {@code LENGTH:BYTES}. */
  private static String string(InputStream in) throws IOException {
    long n = 0;
    int digits = 0;
    for (int c; (c = in.read()) != ':'; digits++) {
      if (c < '0' || c > '9' || digits > 8) {
        throw new IOException(c < 0 ? "end of request" : "bad length");
      }
      n = n * 10 + (c - '0');
    }
    if (digits == 0 || n > MAX_STRING) {
      throw new IOException("bad length");
    }
    return new String(exactly(in, (int) n), StandardCharsets.UTF_8);
  }

  /** Decimal digits only (no sign, no spaces), at most {@code max}. */
  private static long number(String s, long max) throws IOException {
    if (s.isEmpty() || s.length() > 19) {
      throw new IOException("bad number");
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new IOException("bad number");
      }
      n = n * 10 + (c - '0');
      if (n > max || n < 0) {
        throw new IOException("number too large");
      }
    }
    return n;
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException("cut short");
    }
    return b;
  }
}
