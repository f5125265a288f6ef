package io.github.fss.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One repository is one project, however its remote is spelled and wherever it is checked out. */
class ProjectIdentityTest {
  @TempDir Path tmp;

  @Test
  void theSshAndHttpsSpellingsOfOneRepositoryAreEqual() {
    String expected = "github.com/acme/shop";
    for (String url : new String[] {"git@github.com:acme/shop.git", "ssh://git@github.com/acme/shop.git",
        "ssh://git@GitHub.com:22/acme/shop", "https://github.com/acme/shop", "https://github.com/acme/shop.git/",
        "https://me:ghp_secret@github.com/acme/shop.git", "git://github.com/acme/shop.git"}) {
      assertEquals(expected, RemoteUrl.normalise(url), url);
    }
    assertNotEquals(expected, RemoteUrl.normalise("git@github.com:acme/shop-api.git"));
  }

  @Test
  void localPathsAndFileUrlsOfOneRepositoryAreEqual() {
    assertEquals(RemoteUrl.normalise("/srv/git/shop.git"), RemoteUrl.normalise("file:///srv/git/shop.git"));
    assertEquals(RemoteUrl.normalise("/srv/git/shop"), RemoteUrl.normalise("/srv/git/shop.git/"));
  }

  @Test
  void twoCheckoutsAtDifferentPathsAreOneProjectAndASubfolderIsAnother() throws Exception {
    Path a = checkout(tmp.resolve("home/src/shop"), "git@github.com:acme/shop.git");
    Path b = checkout(tmp.resolve("srv/dev/shop"), "https://github.com/acme/shop");
    assertEquals(ProjectIdentity.of(a), ProjectIdentity.of(b));
    assertEquals(ProjectIdentity.of(a).key(), ProjectIdentity.of(b).key());
    Files.createDirectories(a.resolve("web"));
    ProjectIdentity sub = ProjectIdentity.of(a.resolve("web"));
    assertEquals("github.com/acme/shop//web", sub.text());
    assertNotEquals(ProjectIdentity.of(a).key(), sub.key());
  }

  @Test
  void theOriginRemoteWinsAndAWorktreeReadsItsMainRepositorysConfig() throws Exception {
    Path main = tmp.resolve("shop");
    Files.createDirectories(main.resolve(".git/worktrees/wt"));
    Files.writeString(main.resolve(".git/config"), "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = "
        + "git@github.com:other/shop.git\n[remote \"origin\"]\n\turl = git@github.com:acme/shop.git\n");
    Files.writeString(main.resolve(".git/worktrees/wt/commondir"), "../..\n");
    Path wt = Files.createDirectories(tmp.resolve("wt"));
    Files.writeString(wt.resolve(".git"), "gitdir: " + main.resolve(".git/worktrees/wt") + "\n");
    assertEquals("github.com/acme/shop", ProjectIdentity.of(main).text());
    assertEquals("github.com/acme/shop", ProjectIdentity.of(wt).text());
  }

  @Test
  void aRepositoryWithoutARemoteHasNoIdentity() throws Exception {
    Path p = tmp.resolve("local");
    Files.createDirectories(p.resolve(".git"));
    Files.writeString(p.resolve(".git/config"), "[core]\n\tbare = false\n");
    assertNull(ProjectIdentity.of(p));
    assertNull(ProjectIdentity.of(Files.createDirectories(tmp.resolve("plain"))));
  }

  private static Path checkout(Path dir, String url) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/config"), "[remote \"origin\"]\n\turl = " + url + "\n");
    return dir;
  }
}
