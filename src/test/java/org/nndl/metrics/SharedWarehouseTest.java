package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A local warehouse is refused where executors may sit on other machines, in one line naming the fix. */
class SharedWarehouseTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"local", "local[2]", "local[*]", "local-cluster[2,1,1024]", "spark://127.0.0.1:7077",
      "spark://localhost:7077", "spark://127.0.0.1:7077,localhost:7078"})
  void oneMachineMastersKeepALocalWarehouse(String master) {
    assertDoesNotThrow(() -> SharedWarehouse.check(new Warehouse(dir), master));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yarn", "spark://10.0.0.5:7077", "spark://127.0.0.1:7077,node2:7077", "k8s://https://api:6443"})
  void otherMastersRefuseALocalWarehouse(String master) {
    Warehouse wh = new Warehouse(dir);
    MetricsError e = assertThrows(MetricsError.class, () -> SharedWarehouse.check(wh, master));
    assertEquals("--warehouse " + dir + " is a local folder, but master " + master + " may run executors on other"
        + " machines, each writing rows to its own disk: pass a folder every machine shares, e.g. --warehouse"
        + " hdfs://NAMENODE:8020/nndl/warehouse", e.getMessage());
  }
}
