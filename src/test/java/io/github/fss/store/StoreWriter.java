package io.github.fss.store;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointKind;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A separate process that writes one session over and over, printing "ready" first, then "ack NAME"
 * once each checkpoint is stored: the races and kills in {@link StoreDurabilityTest} check against
 * these acks.
 * Args: fssHome key id writerName ops (ops 0 = until killed).
 */
public final class StoreWriter {
  /** Printed once the store is open, before the first write. */
  static final String READY = "ready";

  private StoreWriter() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]);
    String key = args[1];
    String id = args[2];
    String name = args[3];
    int ops = Integer.parseInt(args[4]);
    StoreConfig config = StoreConfig.load(home, System.getenv());
    SessionStore store = new SessionStore(home, config, System.err::println);
    System.out.println(READY);
    System.out.flush();
    for (int i = 0; ops == 0 || i < ops; i++) {
      String label = name + "-" + i;
      String now = Timestamps.format(Instant.now());
      if (i % 3 == 2) {
        // an update that is not a checkpoint: touches activity and the capture cursor
        store.update(key, id, s -> base(s, id, now).withLastActive(now).withCapture(Map.of("offset", (Object) label)));
      } else {
        Checkpoint c = Checkpoint.builder().kind(CheckpointKind.MANUAL).timestamp(now).summary(label).build();
        store.update(key, id, s -> base(s, id, now).withCheckpoint(c, config.maxCheckpoints()));
        System.out.println("ack " + label);
        System.out.flush();
      }
    }
  }

  private static Session base(Session s, String id, String now) {
    return s != null ? s : Session.start(id, "test", "/tmp", "/tmp", now);
  }
}
