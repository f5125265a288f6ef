package io.github.fss.render;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one sanitiser for text fss prints: everything shown comes from someone else (a prompt, a
 * file an agent read, a command's output), so C0 and C1 control characters, DEL, and the Unicode
 * bidi and line-separator controls are written as visible {@code \}{@code uXXXX} escapes, never raw.
 * Newline and tab pass. The escape is also a valid JSON string escape, so {@code --json} output
 * stays valid JSON when it passes through (its own control characters are escaped already).
 */
public final class Printable {
  private Printable() {}

  /** The text with every control character escaped; null stays null. */
  public static String escape(String text) {
    if (text == null || clean(text)) {
      return text;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(text.length() + 16);
    try (OutputStream out = stream(buf)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e); // a byte array does not fail
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static boolean clean(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f || isFormatControl(c)) {
        return false;
      }
    }
    return true;
  }

  /** Bidi embeddings, overrides and isolates, marks, and the Unicode line / paragraph separators. */
  static boolean isFormatControl(int c) {
    return c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f
        || c == 0x061c || c == 0x2028 || c == 0x2029;
  }

  /** A stream that escapes as {@link #escape} while the UTF-8 bytes pass: the edge every verb prints through. */
  public static OutputStream stream(OutputStream out) {
    return new Escaping(out);
  }

  /** Escapes on the UTF-8 byte stream, holding back at most two bytes of a sequence split across writes. */
  private static final class Escaping extends FilterOutputStream {
    private final byte[] held = new byte[2];
    private int nHeld;

    Escaping(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int run = off;
      for (int i = off; i < off + len; i++) {
        int c = b[i] & 0xff;
        if (nHeld == 0 && (c >= 0x20 || c == '\n' || c == '\t') && c != 0x7f && c != 0xc2 && c != 0xd8 && c != 0xe2) {
          continue; // plain: copied with its run
        }
        out.write(b, run, i - run);
        write(c);
        run = i + 1;
      }
      out.write(b, run, off + len - run);
    }

    @Override
    public void write(int value) throws IOException {
      int b = value & 0xff;
      if (nHeld == 0) {
        if (b < 0x20 && b != '\n' && b != '\t' || b == 0x7f) {
          escaped(b);
        } else if (b == 0xc2 || b == 0xd8 || b == 0xe2) {
          held[nHeld++] = (byte) b;
        } else {
          out.write(b);
        }
        return;
      }
      int lead = held[0] & 0xff;
      if (nHeld == 1 && lead == 0xc2 && b >= 0x80 && b <= 0x9f) {
        nHeld = 0;
        escaped(b);
      } else if (nHeld == 1 && lead == 0xd8 && b == 0x9c) {
        nHeld = 0;
        escaped(0x061c);
      } else if (nHeld == 1 && lead == 0xe2 && (b == 0x80 || b == 0x81)) {
        held[nHeld++] = (byte) b;
      } else if (nHeld == 2) {
        int cp = 0x2000 | ((held[1] & 0x3f) << 6) | (b & 0x3f);
        nHeld = 0;
        if (b >= 0x80 && b <= 0xbf && isFormatControl(cp)) {
          escaped(cp);
        } else {
          out.write(0xe2);
          out.write(held[1]);
          write(b);
        }
      } else {
        release();
        write(b);
      }
    }

    private void escaped(int cp) throws IOException {
      String hex = Integer.toHexString(cp);
      out.write(("\\u" + "0000".substring(hex.length()) + hex).getBytes(StandardCharsets.US_ASCII));
    }

    private void release() throws IOException {
      out.write(held, 0, nHeld);
      nHeld = 0;
    }

    @Override
    public void flush() throws IOException {
      release();
      out.flush();
    }
  }
}
