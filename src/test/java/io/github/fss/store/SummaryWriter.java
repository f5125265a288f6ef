package io.github.fss.store;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointKind;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A separate process that writes new sessions into one project, printing "ack ID" once each is
 * stored (and, every other one, updates an earlier one): {@link ProjectSummaryTest} races several
 * of these and checks that a list shows every acknowledged session.
 * Args: fssHome key projectRoot writerName count (0 = until killed).
 */
public final class SummaryWriter {
  private SummaryWriter() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]);
    String key = args[1];
    String root = args[2];
    String name = args[3];
    int count = Integer.parseInt(args[4]);
    StoreConfig config = StoreConfig.load(home, System.getenv());
    SessionStore store = new SessionStore(home, config, System.err::println);
    System.out.println("ready");
    System.out.flush();
    for (int i = 0; count == 0 || i < count; i++) {
      String id = name + "-" + i;
      String now = Timestamps.format(Instant.now());
      Checkpoint c = Checkpoint.builder().kind(CheckpointKind.MANUAL).timestamp(now).summary("by " + id).build();
      store.update(key, id, s -> (s != null ? s : Session.start(id, "test", root, root, now))
          .withCheckpoint(c, config.maxCheckpoints()));
      System.out.println("ack " + id);
      System.out.flush();
      if (i % 2 == 1) {
        String earlier = name + "-" + (i - 1);
        store.update(key, earlier, s -> s == null ? null : s.withLastActive(Timestamps.format(Instant.now())));
      }
    }
  }
}
