package org.nndl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void titleIsTheConfiguration() {
    assertEquals("784,30,10 sigmoid cross-entropy eta=0.5 lambda=5.0 m=10",
        Labels.title(Runs.hyper(5.0)));
  }

  @Test
  void titleShowsSettingsThatAreNotDefault() {
    Map<String, Object> h = Runs.hyper(0.0);
    h.put("init", "large");
    h.put("sync_every", "epoch");
    assertEquals("784,30,10 sigmoid cross-entropy init=large eta=0.5 lambda=0.0 m=10 sync=epoch",
        Labels.title(h));
  }

  @Test
  void legendShowsOnlyWhatDiffers() {
    assertEquals(List.of("lambda=0.0", "lambda=0.1"),
        Labels.legend(List.of("a", "b"), List.of(Runs.hyper(0.0), Runs.hyper(0.1))));
    assertEquals("784,30,10 sigmoid cross-entropy eta=0.5 m=10",
        Labels.commonTitle(List.of(Runs.hyper(0.0), Runs.hyper(0.1))));
  }

  @Test
  void legendNamesEverySettingThatDiffers() {
    Map<String, Object> b = Runs.hyper(0.1);
    b.put("batch_size", 20);
    b.put("sizes", "784,100,10");
    assertEquals(List.of("sizes=784,30,10 m=10 lambda=0.0", "sizes=784,100,10 m=20 lambda=0.1"),
        Labels.legend(List.of("a", "b"), List.of(Runs.hyper(0.0), b)));
  }

  @Test
  void identicalSettingsFallBackToRunIds() {
    assertEquals(List.of("a", "b"),
        Labels.legend(List.of("a", "b"), List.of(Runs.hyper(0.0), Runs.hyper(0.0))));
  }
}
