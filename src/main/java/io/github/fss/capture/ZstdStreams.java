package io.github.fss.capture;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens zstd-compressed files as streams; kept apart so zstd-jni loads only when one is read. */
final class ZstdStreams {
  private ZstdStreams() {}

  static InputStream open(Path file) throws IOException {
    return new ZstdInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
  }
}
