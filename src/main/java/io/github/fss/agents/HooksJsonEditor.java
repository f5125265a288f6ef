package io.github.fss.agents;

import io.github.fss.FssException;
import io.github.fss.json.JsonException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Merges our handlers into a hooks file shaped {@code {"hooks": {Event: [{matcher?, hooks: [handler…]}]}}}
 * (Claude Code's settings.json and Codex's hooks.json share it) and takes them out again. Every other
 * key, event and group stays where it was; we only touch handlers {@link HookCommand} recognises, and
 * on the way out drop only containers our removal emptied, so install + uninstall restores the file.
 */
public final class HooksJsonEditor {
  private final String agent;
  private final java.util.function.BiFunction<HookSpec, String, Map<String, Object>> handler;

  /** An editor for the handlers whose command ends in {@code " hook <agent>"}. */
  public HooksJsonEditor(String agent) {
    this(agent, HookSpec::handler);
  }

  /**
   * As {@link #HooksJsonEditor(String)}, for an agent whose handler objects are shaped otherwise
   * ({@code handler} makes one from a spec and the command; Gemini CLI's timeouts are in ms).
   */
  public HooksJsonEditor(String agent, java.util.function.BiFunction<HookSpec, String, Map<String, Object>> handler) {
    this.agent = agent;
    this.handler = handler;
  }

  /**
   * Plans the install of exactly {@code wanted}: missing handlers are added as a new group at the end
   * of the event, ours with other settings are updated in place, and ours on events not wanted any
   * more (PostToolUse after --every-call is dropped) are removed.
   */
  public Edit install(String current, Path path, String launcher, List<HookSpec> wanted) {
    boolean fresh = current == null || current.isBlank();
    Map<String, Object> root = fresh ? new LinkedHashMap<>() : parseRoot(current, path);
    JsonText.Layout layout = fresh ? JsonText.Layout.DEFAULT : JsonText.layout(current);
    Map<String, Object> hooks = hooksObject(root, path, true);
    boolean hadOurs = removeOurs(copy(hooks), ev -> true, launcher);
    Set<String> events = new HashSet<>();
    for (HookSpec s : wanted) {
      events.add(s.event());
    }
    boolean changed = removeOurs(hooks, ev -> !events.contains(ev), launcher);
    String command = HookCommand.build(launcher, agent);
    for (HookSpec s : wanted) {
      changed |= ensure(hooks, s, command, launcher, path);
    }
    if (!changed) {
      return Edit.keep("already installed");
    }
    return Edit.write(JsonText.print(root, layout), hadOurs ? "updated" : "installed");
  }

  /** Plans the removal of all our handlers, and of the groups, events and hooks object that leaves empty. */
  public Edit uninstall(String current, Path path, String launcher) {
    if (current == null) {
      return Edit.keep("nothing to remove (no such file)");
    }
    if (current.isBlank()) {
      return Edit.keep("nothing to remove");
    }
    Map<String, Object> root = parseRoot(current, path);
    Map<String, Object> hooks = hooksObject(root, path, false);
    if (hooks == null || !removeOurs(hooks, ev -> true, launcher)) {
      return Edit.keep("nothing to remove");
    }
    if (hooks.isEmpty()) {
      root.remove("hooks");
    }
    return Edit.write(JsonText.print(root, JsonText.layout(current)), "removed");
  }

  /** Whether the file holds one of our handlers (false when it is missing or unreadable). */
  public boolean installedIn(Path file) {
    Map<String, Object> root;
    try {
      root = obj(JsonText.parse(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
    Map<String, Object> hooks = root == null ? null : obj(root.get("hooks"));
    return hooks != null && removeOurs(copy(hooks), ev -> true, null);
  }

  private static Map<String, Object> parseRoot(String text, Path path) {
    Object tree;
    try {
      tree = JsonText.parse(text);
    } catch (JsonException e) {
      throw FssException.invalid(path + " is not valid JSON (" + e.getMessage()
          + "); fix it or move it aside — nothing was changed");
    }
    Map<String, Object> root = obj(tree);
    if (root == null) {
      throw refuse(path, "the top level is not a JSON object");
    }
    return root;
  }

  private static Map<String, Object> hooksObject(Map<String, Object> root, Path path, boolean create) {
    if (!root.containsKey("hooks")) {
      if (!create) {
        return null;
      }
      Map<String, Object> hooks = new LinkedHashMap<>();
      root.put("hooks", hooks);
      return hooks;
    }
    Map<String, Object> hooks = obj(root.get("hooks"));
    if (hooks == null) {
      throw refuse(path, "\"hooks\" is not an object");
    }
    return hooks;
  }

  /** Adds or updates our handler for one event; true when the tree changed. */
  private boolean ensure(Map<String, Object> hooks, HookSpec spec, String command, String launcher, Path path) {
    Object v = hooks.get(spec.event());
    if (v != null && !(v instanceof List<?>)) {
      throw refuse(path, "\"hooks." + spec.event() + "\" is not an array");
    }
    List<Object> groups = list(v);
    Map<String, Object> desired = handler.apply(spec, command);
    boolean found = false;
    boolean changed = false;
    if (groups != null) {
      for (Iterator<Object> git = groups.iterator(); git.hasNext(); ) {
        Map<String, Object> g = obj(git.next());
        List<Object> hs = g == null ? null : list(g.get("hooks"));
        if (hs == null) {
          continue;
        }
        boolean removed = false;
        for (int i = 0; i < hs.size(); i++) {
          Map<String, Object> h = obj(hs.get(i));
          if (h == null || !isOurs(h, launcher)) {
            continue;
          }
          if (!found && sameMatcher(g.get("matcher"), spec.matcher())) {
            found = true;
            changed |= update(h, desired);
          } else {
            hs.remove(i--); // a duplicate, or ours under a matcher we no longer use
            removed = true;
            changed = true;
          }
        }
        if (removed && hs.isEmpty()) {
          git.remove();
        }
      }
    }
    if (!found) {
      if (groups == null) {
        groups = new ArrayList<>();
        hooks.put(spec.event(), groups);
      }
      Map<String, Object> g = new LinkedHashMap<>();
      if (spec.matcher() != null) {
        g.put("matcher", spec.matcher());
      }
      List<Object> hs = new ArrayList<>();
      hs.add(desired);
      g.put("hooks", hs);
      groups.add(g);
      changed = true;
    }
    return changed;
  }

  /** Brings our handler to the desired fields, keeping any the user added (a statusMessage, say). */
  private static boolean update(Map<String, Object> h, Map<String, Object> desired) {
    boolean changed = false;
    for (Map.Entry<String, Object> e : desired.entrySet()) {
      if (!Objects.equals(h.get(e.getKey()), e.getValue())) {
        h.put(e.getKey(), e.getValue());
        changed = true;
      }
    }
    if (!desired.containsKey("async") && h.containsKey("async")) {
      h.remove("async");
      changed = true;
    }
    return changed;
  }

  /**
   * Removes our handlers from the events {@code which} accepts, then each group, and each event,
   * that this removal emptied (never a container that was already empty). True when anything went.
   */
  private boolean removeOurs(Map<String, Object> hooks, Predicate<String> which, String launcher) {
    boolean any = false;
    for (String ev : new ArrayList<>(hooks.keySet())) {
      List<Object> groups = list(hooks.get(ev));
      if (groups == null || !which.test(ev)) {
        continue;
      }
      boolean removedInEvent = false;
      for (Iterator<Object> git = groups.iterator(); git.hasNext(); ) {
        Map<String, Object> g = obj(git.next());
        List<Object> hs = g == null ? null : list(g.get("hooks"));
        if (hs == null) {
          continue;
        }
        boolean removed = hs.removeIf(h -> obj(h) != null && isOurs(obj(h), launcher));
        if (removed && hs.isEmpty()) {
          git.remove();
        }
        removedInEvent |= removed;
      }
      if (removedInEvent && groups.isEmpty()) {
        hooks.remove(ev);
      }
      any |= removedInEvent;
    }
    return any;
  }

  private boolean isOurs(Map<String, Object> handler, String launcher) {
    Object c = handler.get("command");
    return c instanceof String && HookCommand.isOurs((String) c, agent, launcher);
  }

  /** An omitted matcher, "" and "*" all mean "every"; anything else must match exactly. */
  private static boolean sameMatcher(Object existing, String wanted) {
    if (wanted == null) {
      return existing == null || "".equals(existing) || "*".equals(existing);
    }
    return wanted.equals(existing);
  }

  /** A deep copy, so we can ask "were any of ours there?" without touching the tree. */
  @SuppressWarnings("unchecked")
  private static <T> T copy(T v) {
    if (v instanceof Map<?, ?>) {
      Map<String, Object> m = new LinkedHashMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> m.put(k, copy(x)));
      return (T) m;
    }
    if (v instanceof List<?>) {
      List<Object> l = new ArrayList<>();
      ((List<Object>) v).forEach(x -> l.add(copy(x)));
      return (T) l;
    }
    return v;
  }

  private static FssException refuse(Path path, String what) {
    return FssException.invalid(path + ": " + what + "; fix it or move it aside — nothing was changed");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object v) {
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : null;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object v) {
    return v instanceof List<?> ? (List<Object>) v : null;
  }
}
