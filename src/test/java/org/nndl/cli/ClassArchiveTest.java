package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-archive rules (src/main/sh/class-archive.sh), run by bash on files in a
 * temporary folder; archive_usable is replaced by a check of the file's text.
 */
class ClassArchiveTest {
  private static final Path SCRIPT = Path.of("src/main/sh/class-archive.sh").toAbsolutePath();
  /** A pid no process has (above Linux's pid_max limit). */
  private static final String DEAD = "4194305";
  @TempDir Path dir;

  /** Runs class_archive DIR train KEY and returns the flags it chose, one per line. */
  private String flags(String key) throws Exception {
    return bash("archive_usable() { [ \"$(cat \"$1\")\" = good ]; }; class_archive '" + dir + "' train " + key
        + "; printf '%s\\n' \"${CLASS_ARCHIVE_FLAGS[@]}\"");
  }

  private static String bash(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", ". '" + SCRIPT + "'; " + script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  private Path dump(String key, String pid, String text, boolean ok) throws IOException {
    Path tmp = dir.resolve("train-" + key + ".jsa." + pid + ".tmp");
    Files.writeString(tmp, text);
    if (ok) Files.writeString(dir.resolve(tmp.getFileName() + ".ok"), "");
    return tmp;
  }

  @Test
  void withoutAnArchiveTheRunWritesOneAtExit() throws Exception {
    String f = flags("1");
    assertEquals(1, f.lines().filter(l -> l.startsWith("-XX:ArchiveClassesAtExit=" + dir.resolve("train-1.jsa."))
        && l.endsWith(".tmp")).count(), f);
  }

  @Test
  void aFinishedMarkedUsableDumpIsPromotedAndMapped() throws Exception {
    dump("1", DEAD, "good", true);
    String f = flags("1");
    assertEquals(1, f.lines().filter(l -> l.equals("-XX:SharedArchiveFile=" + dir.resolve("train-1.jsa"))).count(), f);
    assertEquals(List.of("train-1.jsa"), names());
  }

  @Test
  void unmarkedOrUnusableDumpsAreDropped() throws Exception {
    dump("1", DEAD, "good", false);
    dump("1", "4194306", "truncated", true);
    String f = flags("1");
    assertEquals(0, f.lines().filter(l -> l.startsWith("-XX:SharedArchiveFile")).count(), f);
    assertEquals(List.of(), names());
  }

  @Test
  void aDumpStillBeingWrittenIsLeftAlone() throws Exception {
    String live = String.valueOf(ProcessHandle.current().pid());
    dump("1", live, "good", true);
    flags("1");
    assertEquals(List.of("train-1.jsa." + live + ".tmp", "train-1.jsa." + live + ".tmp.ok"), names());
  }

  @Test
  void anArchiveOfAnotherKeyIsRemoved() throws Exception {
    Files.writeString(dir.resolve("train-0.jsa"), "good");
    Files.writeString(dir.resolve("query-0.jsa"), "good");
    dump("0", DEAD, "good", true);  // a dump of the old key is never promoted
    String f = flags("1");
    assertEquals(0, f.lines().filter(l -> l.startsWith("-XX:SharedArchiveFile")).count(), f);
    assertEquals(List.of("query-0.jsa"), names());
  }

  @Test
  void theKeyChangesWithTheJar() throws Exception {
    Path jar = Files.writeString(dir.resolve("app.jar"), "v1");
    String before = bash("archive_key '" + jar + "'");
    assertEquals(before, bash("archive_key '" + jar + "'"));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
    assertNotEquals(before, bash("archive_key '" + jar + "'"));
    assertNotEquals(bash("archive_key '" + jar + "'"), bash("ARCHIVE_KEY_EXTRA=other-java archive_key '" + jar + "'"));
  }

  private List<String> names() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
