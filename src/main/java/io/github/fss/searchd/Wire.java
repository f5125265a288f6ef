package io.github.fss.searchd;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
 * The search server's protocol, one exchange per connection. The client sends a {@link Request};
 * the server answers one byte at once ({@link #ACCEPTED}, or {@link #OTHER_BUILD} and closes), then
 * an {@link Answer} when the search is done. Sizes are bounded so a stray writer cannot make either
 * side allocate without limit.
 */
final class Wire {
  private Wire() {}

  static final int MAGIC = 0x46535331; // "FSS1"
  static final byte ACCEPTED = 'A';
  static final byte OTHER_BUILD = 'B';
  private static final int MAX_STRING = 1 << 20;
  private static final int MAX_COUNT = 10_000;
  private static final int MAX_OUTPUT = 256 << 20;

  /**
   * One {@code fss search} as the client was started: its argv (from "search" on), working folder,
   * environment, clock, whether its stdout is a terminal, and the build it runs.
   */
  record Request(String build, String cwd, boolean terminal, long nowMillis, List<String> args,
      Map<String, String> env) {}

  /** What the search printed, byte for byte, and its exit code; {@code by} names the server (for debugging). */
  record Answer(int exit, byte[] out, byte[] err, String by) {}

  static byte[] encode(Request r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    DataOutputStream d = new DataOutputStream(bytes);
    d.writeInt(MAGIC);
    string(d, r.build());
    string(d, r.cwd());
    d.writeBoolean(r.terminal());
    d.writeLong(r.nowMillis());
    d.writeInt(r.args().size());
    for (String a : r.args()) {
      string(d, a);
    }
    d.writeInt(r.env().size());
    for (Map.Entry<String, String> e : r.env().entrySet()) {
      string(d, e.getKey());
      string(d, e.getValue());
    }
    d.flush();
    return bytes.toByteArray();
  }

  static Request readRequest(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (d.readInt() != MAGIC) {
      throw new IOException("not an fss search request");
    }
    String build = string(d);
    String cwd = string(d);
    boolean terminal = d.readBoolean();
    long now = d.readLong();
    int n = count(d);
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      args.add(string(d));
    }
    int m = count(d);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < m; i++) {
      env.put(string(d), string(d));
    }
    return new Request(build, cwd, terminal, now, args, env);
  }

  static void writeAnswer(OutputStream out, Answer a) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(a.exit());
    d.writeInt(a.out().length);
    d.write(a.out());
    d.writeInt(a.err().length);
    d.write(a.err());
    string(d, a.by());
    d.flush();
  }

  static Answer readAnswer(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int exit = d.readInt();
    byte[] out = bytes(d, MAX_OUTPUT);
    byte[] err = bytes(d, MAX_OUTPUT);
    return new Answer(exit, out, err, string(d));
  }

  private static void string(DataOutputStream d, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.writeInt(b.length);
    d.write(b);
  }

  private static String string(DataInputStream d) throws IOException {
    return new String(bytes(d, MAX_STRING), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(DataInputStream d, int max) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > max) {
      throw new IOException("bad length " + n);
    }
    byte[] b = new byte[n];
    d.readFully(b);
    return b;
  }

  private static int count(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > MAX_COUNT) {
      throw new EOFException("bad count " + n);
    }
    return n;
  }
}
