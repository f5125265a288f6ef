package io.github.fss.agents.opencode;

import io.github.fss.FssException;
import io.github.fss.agents.Edit;
import io.github.fss.agents.OwnedFile;
import io.github.fss.agents.PlannedEdit;
import io.github.fss.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Our OpenCode plugin (one JS module, the launcher path baked in) and how we tell it apart from a
 * file the user wrote or edited: its first line is a marker carrying the SHA-256 of the rest, so
 * install replaces and uninstall deletes only our own untouched file.
 */
public final class OpenCodePlugin {
  /** The file name in OpenCode's {@code plugins/} folder. */
  public static final String FILE = "fireworks-sessions-saver.js";
  static final String MARKER_START = "// fireworks-sessions-saver: written by fss install;";
  private static final String TEMPLATE = "/opencode/fireworks-sessions-saver.js";

  private OpenCodePlugin() {}

  public static PlannedEdit install(Path file, String launcher) {
    return new PlannedEdit(file, false, false, current -> planInstall(current, launcher));
  }

  public static PlannedEdit uninstall(Path file) {
    return new PlannedEdit(file, false, false, OpenCodePlugin::planUninstall);
  }

  static Edit planInstall(String current, String launcher) {
    return OwnedFile.install(current, render(launcher), OpenCodePlugin::state);
  }

  static Edit planUninstall(String current) {
    return OwnedFile.uninstall(current, OpenCodePlugin::state);
  }

  static OwnedFile.Owner state(String text) {
    if (!text.startsWith(MARKER_START)) {
      return OwnedFile.Owner.FOREIGN;
    }
    int eol = text.indexOf('\n');
    String marker = eol < 0 ? text : text.substring(0, eol);
    int h = marker.indexOf("sha256:");
    if (h < 0 || eol < 0) {
      return OwnedFile.Owner.EDITED;
    }
    return marker.substring(h + 7).trim().equals(sha256(text.substring(eol + 1))) ? OwnedFile.Owner.OURS : OwnedFile.Owner.EDITED;
  }

  /** The module with the launcher (a JS string literal) filled in and the marker line first. */
  public static String render(String launcher) {
    String t = template().replace("{{FSS}}", Json.write(launcher, false));
    String rest = t.substring(t.indexOf('\n') + 1);
    return MARKER_START + " fss uninstall deletes this file unless it was edited. sha256:" + sha256(rest) + "\n"
        + rest;
  }

  private static String template() {
    try (InputStream in = OpenCodePlugin.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw FssException.failed("the OpenCode plugin " + TEMPLATE + " is missing from the fss jar", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw FssException.failed("cannot read the OpenCode plugin template: " + e.getMessage(), e);
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
