package io.github.fss.agents;

import java.util.function.Function;

/**
 * A whole file fss writes and owns (the skill, OpenCode's plugin), recognised by a marker holding
 * the hash of what fss wrote: replaced while it is still ours, never when someone edited it or it
 * is someone else's file of the same name.
 */
public final class OwnedFile {
  /** Whose a file is: ours untouched, ours edited since, or someone else's. */
  public enum Owner { OURS, EDITED, FOREIGN }

  private OwnedFile() {}

  /** The edit that makes {@code current} (null: absent) read {@code wanted}. */
  public static Edit install(String current, String wanted, Function<String, Owner> owner) {
    if (current == null) {
      return Edit.write(wanted, "installed");
    }
    if (current.equals(wanted)) {
      return Edit.keep("already installed");
    }
    return switch (owner.apply(current)) {
      case OURS -> Edit.write(wanted, "updated");
      case EDITED -> Edit.keep("left in place: edited since fss wrote it (delete it and install again for the"
          + " current version)");
      case FOREIGN -> Edit.keep("left in place: not written by fss");
    };
  }

  /** The edit that removes {@code current} (null: absent) if it is still ours. */
  public static Edit uninstall(String current, Function<String, Owner> owner) {
    if (current == null) {
      return Edit.keep("nothing to remove (no such file)");
    }
    return switch (owner.apply(current)) {
      case OURS -> Edit.delete("removed");
      case EDITED -> Edit.keep("left in place: edited since fss wrote it (delete it yourself if you no longer"
          + " want it)");
      case FOREIGN -> Edit.keep("left in place: not written by fss");
    };
  }
}
