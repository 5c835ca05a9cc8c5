package org.nndl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.nndl.train.TrainSettings;

/** The one mapping of named settings, and the command line's defaults file against the book's settings it documents. */
class NamedSettingsTest {
  @Test void theCommandLinesDefaultsFileIsTheBooksSettingsButFiveEpochs() throws Exception {
    Properties file = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of("conf", "nndl.properties"))) { file.load(r); }
    Map<String, String> v = new HashMap<>();
    file.forEach((k, text) -> v.put("--" + k, (String) text));
    // network2.py's settings as TrainSettings.builder() declares them; the file's only change: 5 epochs (README's first run)
    TrainSettings book = TrainSettings.builder().epochs(5).partitions(TrainSettings.AUTO).build();
    assertEquals(book.all(), NamedSettings.settings(v).all());
    assertEquals(book.techniques(), NamedSettings.settings(v).techniques());
  }

  @Test void textsAreParsedInTheCommandLinesWords() {
    assertEquals(TrainSettings.SYNC_AUTO, NamedSettings.syncEvery("auto"));
    assertEquals(TrainSettings.EXACT, NamedSettings.syncEvery(null));
    assertEquals(TrainSettings.ONE_EPOCH, NamedSettings.syncEvery("epoch"));
    assertEquals(7, NamedSettings.syncEvery("7"));
    assertEquals(TrainSettings.AUTO, NamedSettings.partitions(""));
    assertEquals(0, NamedSettings.partitions("0"));
    assertEquals("--sync-every 0: use exact, auto, a positive number of local steps, or epoch",
        assertThrows(IllegalArgumentException.class, () -> NamedSettings.syncEvery("0")).getMessage());
    assertEquals("--partitions -2: use auto, 0 for Spark's default parallelism, or a positive count",
        assertThrows(IllegalArgumentException.class, () -> NamedSettings.partitions("-2")).getMessage());
  }
}
