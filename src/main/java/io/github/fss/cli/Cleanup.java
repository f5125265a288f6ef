package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.capture.SessionCapture;
import io.github.fss.json.Json;
import io.github.fss.store.Retention;
import io.github.fss.store.StoredSession;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code fss save --action cleanup}: retention purge, and marking an old session as continued. */
final class Cleanup {
  private final Context ctx;

  Cleanup(Context ctx) {
    this.ctx = ctx;
  }

  int run(String archiveRef, String sessionId, boolean json) throws Exception {
    String transferred = null;
    if (archiveRef != null) {
      StoredSession old = SessionArg.resolve(ctx, archiveRef);
      if (!old.file().startsWith(ctx.store().projectsDir())) {
        throw FssException.invalid(old.file() + " is outside the store; cleanup never deletes it"
            + " (run 'fss import seed' to bring it in)");
      }
      String successor = sessionId != null ? sessionId : SessionArg.currentSessionId(ctx);
      if (successor == null) {
        throw FssException.usage("--archive-file needs the continuing session: --session ID");
      }
      new SessionCapture(ctx.store(), ctx.redactor(), ctx.now(), AgentRegistry.readers()).markTransferred(old.session().sessionId(), successor);
      transferred = old.session().sessionId();
    }
    Retention.Purged p = Retention.purge(ctx.store(), ctx.now());
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("expired_sessions_deleted", p.sessions());
      m.put("temp_files_deleted", p.tempFiles());
      m.put("transferred", transferred);
      ctx.out().println(Json.write(m, true));
    } else {
      ctx.out().println("cleanup: " + p.sessions() + " expired session(s) and " + p.tempFiles()
          + " stale temp file(s) deleted from " + ctx.store().home()
          + (transferred == null ? "" : "; " + transferred + " marked as continued"));
    }
    return 0;
  }
}
