package org.nndl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numpy side of the notebook bench: the project's script with the notebook's settings, and a refusal without it. */
class NotebookBenchTest {
  @Test
  void numpyRunsTheProjectsScriptWithTheNotebooksSettings() {
    Path home = Path.of("").toAbsolutePath();  // the tests run in the project's folder
    String script = home.resolve("src/test/python/notebook_nn2.py").toString();
    NotebookBench bench = new NotebookBench(home, 1);
    List<String> settings = List.of("--seed", "3", "--train-limit", "1000", "--epochs", "100", "--lambda", "0");
    assertEquals(concat(List.of("python3", script), settings, List.of("--batched")), bench.numpy(true));
    assertEquals(concat(List.of("python3", script), settings, List.of()), bench.numpy(false));
  }

  @Test
  void aFolderWithoutTheScriptIsRefusedInOneLine(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NotebookBench(dir, 1).numpy(true));
    assertTrue(e.getMessage().startsWith("--notebook needs " + dir.resolve("src/test/python/notebook_nn2.py")), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("src")));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }
}
