package io.github.fss.capture;

import io.github.fss.store.RegularFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Git facts about a working directory. {@link #branch} and {@link #head} read {@code .git} files
 * directly (HEAD, loose refs, packed-refs, worktree links) and are cheap enough for hooks;
 * {@link #recentCommits} and {@link #dirty} spawn git and are for manual saves only.
 */
public final class GitProbe {
  /** HEAD, a loose ref, a .git link or commondir is one short line; a longer file is not git's. */
  static final int MAX_REF_FILE = 4096;
  /** packed-refs of a big repository runs to megabytes; read no further than this. */
  static final int MAX_PACKED_REFS = 4 << 20;

  private final Path gitDir;
  private final Path workTree;

  private GitProbe(Path gitDir, Path workTree) {
    this.gitDir = gitDir;
    this.workTree = workTree;
  }

  /** The probe for the repository containing {@code dir}, or null outside a repository. */
  public static GitProbe find(Path dir) {
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      Path dotGit = p.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return new GitProbe(dotGit, p);
      }
      if (RegularFiles.is(dotGit)) {
        String link = firstLine(dotGit);
        if (link != null && link.startsWith("gitdir:")) {
          Path target = p.resolve(link.substring(7).trim()).normalize();
          return new GitProbe(target, p);
        }
      }
    }
    return null;
  }

  public Path workTree() {
    return workTree;
  }

  /** The current branch name, or null when HEAD is detached or unreadable. */
  public String branch() {
    String head = firstLine(gitDir.resolve("HEAD"));
    if (head != null && head.startsWith("ref: refs/heads/")) {
      return head.substring("ref: refs/heads/".length()).trim();
    }
    return null;
  }

  /** The commit HEAD points at (full hash), or null. */
  public String head() {
    String head = firstLine(gitDir.resolve("HEAD"));
    if (head == null) {
      return null;
    }
    if (!head.startsWith("ref: ")) {
      return head.trim();
    }
    String ref = head.substring(5).trim();
    Path common = commonDir();
    for (Path base : new Path[] {gitDir, common}) {
      String loose = firstLine(base.resolve(ref));
      if (loose != null && loose.length() >= 40) {
        return loose.trim();
      }
    }
    try {
      byte[] packed = RegularFiles.read(common.resolve("packed-refs"), MAX_PACKED_REFS);
      for (String line : new String(packed, StandardCharsets.UTF_8).split("\n")) {
        if (line.endsWith(" " + ref) && line.length() > 40) {
          return line.substring(0, 40);
        }
      }
    } catch (IOException e) {
      // no packed refs
    }
    return null;
  }

  private Path commonDir() {
    String common = firstLine(gitDir.resolve("commondir"));
    return common == null ? gitDir : gitDir.resolve(common.trim()).normalize();
  }

  /** The last {@code n} commits as "abc1234 subject" lines (spawns git; not for hooks). */
  public List<String> recentCommits(int n) {
    return git("log", "-" + n, "--format=%h %s");
  }

  /** Whether the work tree has uncommitted changes (spawns git; not for hooks); null if unknown. */
  public Boolean dirty() {
    List<String> out = git("status", "--porcelain", "--untracked-files=no");
    return out == null ? null : !out.isEmpty();
  }

  private List<String> git(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.add("-C");
    cmd.add(workTree.toString());
    for (String a : args) {
      cmd.add(a);
    }
    if (!RegularFiles.is(gitDir.resolve("HEAD"))) {
      return null; // git itself would block on a FIFO or read a device without end
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      // read on the side, so the time limit holds even when git never closes its output
      java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try (java.io.InputStream in = p.getInputStream()) {
          return in.readNBytes(1 << 20);
        } catch (IOException e) {
          return new byte[0];
        }
      });
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      byte[] bytes;
      try {
        bytes = out.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        return null;
      }
      List<String> lines = new ArrayList<>();
      for (String l : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          lines.add(l);
        }
      }
      return lines;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String firstLine(Path file) {
    try {
      byte[] b = RegularFiles.read(file, MAX_REF_FILE);
      String s = new String(b, StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      return (nl < 0 ? s : s.substring(0, nl)).trim();
    } catch (IOException e) {
      return null;
    }
  }
}
