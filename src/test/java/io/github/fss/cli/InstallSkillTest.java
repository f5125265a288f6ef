package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SKILL.md both agents get: placement, launcher substitution, triggers, and leaving user edits alone. */
class InstallSkillTest {
  @TempDir Path tmp;
  InstallHarness h;
  Path claudeSkill;
  Path codexSkill;

  @BeforeEach
  void setUp() throws IOException {
    h = new InstallHarness(tmp);
    claudeSkill = h.claude.resolve("skills/fireworks-sessions-saver/SKILL.md");
    codexSkill = h.home.resolve(".agents/skills/fireworks-sessions-saver/SKILL.md");
  }

  @Test
  void skillsAreInstalledForBothAgentsWithTheLauncherFilledIn() throws Exception {
    assertEquals(0, h.install("all"));
    for (Path skill : List.of(claudeSkill, codexSkill)) {
      String text = Files.readString(skill);
      assertTrue(text.startsWith("---\nname: fireworks-sessions-saver\ndescription: "), text);
      assertFalse(text.contains("{{"), "all placeholders filled");
      assertTrue(text.contains(h.launcher + " save --working-dir \"$PWD\" --tool <claude-code|codex|gemini-cli> --action checkpoint"));
      assertTrue(text.contains(h.launcher + " restore <id>"));
      assertTrue(text.contains(h.launcher + " handoff --to codex"));
      assertTrue(h.out.contains(skill + ": installed"), h.out);
    }
    assertEquals(Files.readString(claudeSkill), Files.readString(codexSkill), "one template for both agents");
  }

  @Test
  void theDescriptionNamesEveryTriggerPhraseWithinTheLimit() throws Exception {
    h.install("claude");
    String text = Files.readString(claudeSkill);
    String description = text.lines().filter(l -> l.startsWith("description: ")).findFirst().orElseThrow();
    assertTrue(description.length() - "description: ".length() <= 1000, "length " + description.length());
    for (String phrase : List.of("save session", "save progress", "保存进度", "保存状态", "restore session",
        "continue from last session", "恢复会话", "继续之前的工作", "dashboard", "show all sessions",
        "which projects are active", "查看所有 session", "多项目看板", "diff checkpoint",
        "what changed since last checkpoint", "对比进度", "两次 checkpoint 有什么变化")) {
      assertTrue(description.contains(phrase), phrase);
    }
  }

  @Test
  void uninstallRemovesTheSkillDirectories() throws Exception {
    h.install("all");
    assertEquals(0, h.uninstall("all"));
    assertFalse(Files.exists(claudeSkill.getParent()));
    assertFalse(Files.exists(codexSkill.getParent()));
    assertTrue(h.out.contains(claudeSkill + ": removed"), h.out);
  }

  @Test
  void aSkillTheUserEditedIsLeftInPlaceWithANote() throws Exception {
    h.install("claude");
    String edited = Files.readString(claudeSkill) + "\nAlways save before lunch.\n";
    Files.writeString(claudeSkill, edited);
    assertEquals(0, h.install("claude"));
    assertEquals(edited, Files.readString(claudeSkill), "install does not overwrite it");
    assertTrue(h.out.contains(claudeSkill + ": left in place: edited since fss wrote it"), h.out);
    assertEquals(0, h.uninstall("claude"));
    assertEquals(edited, Files.readString(claudeSkill), "uninstall does not delete it");
    assertTrue(h.out.contains(claudeSkill + ": left in place: edited since fss wrote it"), h.out);
  }

  @Test
  void aSkillSomeoneElseWroteIsNeverTouched() throws Exception {
    Files.createDirectories(claudeSkill.getParent());
    Files.writeString(claudeSkill, "---\nname: fireworks-sessions-saver\n---\nmine\n");
    h.install("claude");
    h.uninstall("claude");
    assertEquals("---\nname: fireworks-sessions-saver\n---\nmine\n", Files.readString(claudeSkill));
    assertTrue(h.out.contains("left in place: not written by fss"), h.out);
  }

  @Test
  void aNewLauncherRewritesOurUneditedSkill() throws Exception {
    h.install("claude", "--launcher", "/old/bin/fss");
    assertEquals(0, h.install("claude"));
    assertTrue(h.out.contains(claudeSkill + ": updated"), h.out);
    assertTrue(Files.readString(claudeSkill).contains(h.launcher + " list"));
    assertFalse(Files.readString(claudeSkill).contains("/old/bin/fss"));
  }

  @Test
  void otherFilesInTheSkillDirectoryKeepIt() throws Exception {
    h.install("claude");
    Files.writeString(claudeSkill.resolveSibling("notes.md"), "mine");
    h.uninstall("claude");
    assertFalse(Files.exists(claudeSkill));
    assertTrue(Files.exists(claudeSkill.resolveSibling("notes.md")));
  }
}
