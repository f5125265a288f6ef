package io.github.fss.agents;

import io.github.fss.FssException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Our SKILL.md (one template for both agents, launcher path filled in) and how we tell it apart from
 * a file the user wrote or edited. A marker line carries the SHA-256 of the rest of the file: we
 * replace or delete the file only while the marker is there and the hash still matches, so a user's
 * edits are never overwritten or removed.
 */
public final class SkillFile {
  /** The directory name under the agent's skills folder. */
  public static final String DIR = "fireworks-sessions-saver";
  static final String MARKER_START = "<!-- fireworks-sessions-saver: written by fss install;";
  private static final String TEMPLATE = "/skills/SKILL.md";

  private SkillFile() {}

  /** {@code <skills root>/fireworks-sessions-saver/SKILL.md}. */
  public static Path in(Path skillsRoot) {
    return skillsRoot.resolve(DIR).resolve("SKILL.md");
  }

  /** The planned install of the skill at {@code file}. */
  public static PlannedEdit install(Path file, String launcher) {
    return new PlannedEdit(file, false, false, current -> planInstall(current, launcher));
  }

  /** The planned removal of the skill at {@code file} (and of its directory when that leaves it empty). */
  public static PlannedEdit uninstall(Path file) {
    return new PlannedEdit(file, false, true, SkillFile::planUninstall);
  }

  /**
   * The planned removal of a skill file that other agents may read too (Codex and Gemini CLI both
   * read {@code ~/.agents/skills}): it stays while another agent whose skill is that same file
   * still has our hooks. Decided when the edit is applied, so {@code uninstall all} removes it
   * with the last of them.
   */
  public static PlannedEdit uninstallShared(Path file, String self, io.github.fss.Environment env) {
    return new PlannedEdit(file, false, true, current -> {
      if (current != null) {
        for (Agent a : AgentRegistry.all()) {
          if (a.name().equals(self)) {
            continue;
          }
          AgentSetup other = a.setup(env);
          if (file.equals(other.skillFile()) && other.hooked()) {
            return Edit.keep("left in place: " + a.label() + "'s fss hooks still use it (fss uninstall " + a.name()
                + " removes it)");
          }
        }
      }
      return planUninstall(current);
    });
  }

  static Edit planInstall(String current, String launcher) {
    return OwnedFile.install(current, render(launcher), SkillFile::state);
  }

  static Edit planUninstall(String current) {
    return OwnedFile.uninstall(current, SkillFile::state);
  }

  /** Whose a SKILL.md is: ours untouched, ours edited, or someone else's. */
  static OwnedFile.Owner state(String text) {
    int at = text.indexOf(MARKER_START);
    if (at < 0 || (at > 0 && text.charAt(at - 1) != '\n')) {
      return OwnedFile.Owner.FOREIGN;
    }
    int eol = text.indexOf('\n', at);
    String marker = eol < 0 ? text.substring(at) : text.substring(at, eol);
    int h = marker.indexOf("sha256:");
    if (h < 0) {
      return OwnedFile.Owner.EDITED;
    }
    String recorded = marker.substring(h + 7).replace("-->", "").trim();
    String rest = text.substring(0, at) + (eol < 0 ? "" : text.substring(eol + 1));
    return recorded.equals(sha256(rest)) ? OwnedFile.Owner.OURS : OwnedFile.Owner.EDITED;
  }

  /** The template with the launcher filled in and the marker line (carrying the hash) in place. */
  public static String render(String launcher) {
    String t = template().replace("{{FSS}}", HookCommand.shellQuote(launcher));
    int at = t.indexOf("{{MANAGED}}\n");
    String rest = t.substring(0, at) + t.substring(at + "{{MANAGED}}\n".length());
    String marker = MARKER_START + " fss uninstall deletes this file unless it was edited. sha256:"
        + sha256(rest) + " -->\n";
    return t.substring(0, at) + marker + t.substring(at + "{{MANAGED}}\n".length());
  }

  private static String template() {
    try (InputStream in = SkillFile.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw FssException.failed("the skill template " + TEMPLATE + " is missing from the fss jar", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw FssException.failed("cannot read the skill template: " + e.getMessage(), e);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
