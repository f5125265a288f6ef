package io.github.fss.history;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member made in memory with a deflater kept per thread: a kept file is a few KB, and a
 * {@code GZIPOutputStream} per file set up and tore down zlib's state each time (more than the
 * compressing itself, over the thousands of files of a first index). The bytes are what
 * {@code GZIPOutputStream} writes: the same header, raw deflate at the default level, CRC-32 and
 * length.
 */
final class Gzip {
  private static final ThreadLocal<Deflater> DEFLATER =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));

  private Gzip() {}

  static byte[] member(byte[] data) {
    Deflater d = DEFLATER.get();
    d.reset();
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
    // GZIPOutputStream's header: magic, deflate, no flags, no time, no extra flags, OS unknown
    out.write(0x1f);
    out.write(0x8b);
    out.write(Deflater.DEFLATED);
    for (int i = 0; i < 6; i++) {
      out.write(0);
    }
    out.write(0xff);
    byte[] buf = new byte[Math.max(512, Math.min(64 * 1024, data.length + 64))];
    while (!d.finished()) {
      int n = d.deflate(buf);
      out.write(buf, 0, n);
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    int c = (int) crc.getValue();
    int len = data.length;
    for (int v : new int[] {c, len}) {
      out.write(v & 0xff);
      out.write((v >> 8) & 0xff);
      out.write((v >> 16) & 0xff);
      out.write((v >>> 24) & 0xff);
    }
    return out.toByteArray();
  }
}
