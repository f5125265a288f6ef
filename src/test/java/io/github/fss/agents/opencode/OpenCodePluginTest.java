package io.github.fss.agents.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.agents.Edit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCodePluginTest {
  @TempDir Path dir;

  @Test
  void installReplacesOnlyOurUntouchedFileAndUninstallDeletesOnlyIt() {
    String ours = OpenCodePlugin.render("/opt/fss/bin/fss");
    assertTrue(ours.startsWith(OpenCodePlugin.MARKER_START));
    assertTrue(ours.contains("const FSS = \"/opt/fss/bin/fss\";"));
    assertEquals(Edit.Action.WRITE, OpenCodePlugin.planInstall(null, "/opt/fss/bin/fss").action());
    assertEquals(Edit.Action.KEEP, OpenCodePlugin.planInstall(ours, "/opt/fss/bin/fss").action());
    assertEquals("updated", OpenCodePlugin.planInstall(OpenCodePlugin.render("/old/fss"), "/opt/fss/bin/fss").status());
    String edited = ours.replace("WAIT_MS = 4000", "WAIT_MS = 9000");
    assertEquals(Edit.Action.KEEP, OpenCodePlugin.planInstall(edited, "/opt/fss/bin/fss").action());
    assertEquals(Edit.Action.KEEP, OpenCodePlugin.planUninstall(edited).action());
    assertEquals(Edit.Action.KEEP, OpenCodePlugin.planUninstall("export const Mine = async () => ({});\n").action());
    assertEquals(Edit.Action.DELETE, OpenCodePlugin.planUninstall(ours).action());
  }

  /**
   * The rendered module, loaded by Node (OpenCode's Bun offers the same node: modules): the notice
   * the hook prints goes into the first message as a synthetic part after the user's, the turn end
   * and the exit reach the hook as Claude-style JSON, and a failing launcher breaks nothing.
   */
  @Test
  void theModuleRunsTheHookAndInjectsItsNotice() throws Exception {
    Assumptions.assumeTrue(onPath("node"), "node is not installed");
    Path log = dir.resolve("calls.log");
    Path fake = dir.resolve("fss");
    Files.writeString(fake, "#!/bin/sh\n"
        + "input=$(cat)\n"
        + "printf '%s %s\\n' \"$*\" \"$input\" >> '" + log + "'\n"
        + "case $input in *SessionStart*) printf '%s' '{\"hookSpecificOutput\":{\"hookEventName\":\"SessionStart\","
        + "\"additionalContext\":\"NOTICE ses_old\"}}';; esac\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    Path plugin = dir.resolve("plugin.mjs");
    Files.writeString(plugin, OpenCodePlugin.render(fake.toString()));
    Path broken = dir.resolve("broken.mjs");
    Files.writeString(broken, OpenCodePlugin.render(dir.resolve("missing").toString()));
    Path driver = dir.resolve("driver.mjs");
    Files.writeString(driver, String.join("\n",
        "const run = async (file) => {",
        "  const m = await import(file);",
        "  const hooks = await m.FireworksSessionsSaver({ directory: '/work/p' });",
        "  await hooks.event({ event: { type: 'session.created', properties: { sessionID: 'ses_new',",
        "    info: { id: 'ses_new', directory: '/work/p' } } } });",
        "  const out = { message: { id: 'msg_1' }, parts: [{ id: 'prt_233330fb9001pSJEiEAWsiM8NK', type: 'text', text: 'hi' }] };",
        "  await hooks['chat.message']({ sessionID: 'ses_new' }, out);",
        "  await hooks['tool.execute.before']({ tool: 'bash', sessionID: 'ses_new', callID: 'c1' }, { args: {} });",
        "  await hooks.event({ event: { type: 'session.idle', properties: { sessionID: 'ses_new' } } });",
        "  await hooks.dispose();",
        "  return out.parts;",
        "};",
        "const good = await run(process.argv[2]);",
        "const bad = await run(process.argv[3]);",
        "console.log(JSON.stringify({ good, bad }));"));
    Process p = new ProcessBuilder("node", driver.toString(), plugin.toString(), broken.toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("\"synthetic\":true") && out.contains("\"id\":\"prt_233330fb9001zzzzzzzzzzzzzz\""), out);
    assertTrue(out.contains("\"text\":\"NOTICE ses_old\""), out);
    assertTrue(out.contains("\"bad\":[{\"id\":\"prt_233330fb9001pSJEiEAWsiM8NK\",\"type\":\"text\",\"text\":\"hi\"}]"), out);
    // the fire-and-forget calls are detached: give them a moment
    String calls = "";
    for (int i = 0; i < 50 && !(calls.contains("\"Stop\"") && calls.contains("\"SessionEnd\"")
        && calls.contains("\"PreToolUse\"")); i++) {
      Thread.sleep(100);
      calls = Files.exists(log) ? Files.readString(log) : "";
    }
    assertTrue(calls.contains("hook opencode {\"hook_event_name\":\"SessionStart\",\"session_id\":\"ses_new\","
        + "\"cwd\":\"/work/p\",\"transcript_path\":"), calls);
    assertTrue(calls.contains("\"source\":\"startup\""), calls);
    assertTrue(calls.contains("{\"hook_event_name\":\"Stop\",\"session_id\":\"ses_new\""), calls);
    assertTrue(calls.contains("\"hook_event_name\":\"SessionEnd\"") && calls.contains("\"reason\":\"exit\""), calls);
    assertTrue(calls.contains("/opencode/opencode.db\""), calls);
  }

  private static boolean onPath(String cmd) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, cmd))) {
        return true;
      }
    }
    return false;
  }
}
