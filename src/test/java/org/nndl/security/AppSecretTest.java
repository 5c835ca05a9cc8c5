package org.nndl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * spark.authenticate without a secret given: Spark generates one per application (on a local
 * master as on YARN, by the same code), and the driver's RPC endpoint, the one executors join
 * through, accepts a client holding that secret and refuses one holding another application's
 * (a fresh random secret, as Spark generates them) or an empty one. The YARN case on a real
 * cluster: cluster-test.sh yarn.
 */
class AppSecretTest {
  @Test
  void onlyTheApplicationsOwnSecretReachesItsDriver() throws Exception {
    Process app = ChildJvm.start(AppSecretApp.class);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      String[] driver = out.readLine().split(" ");
      assertEquals("driver", driver[0]);
      String url = driver[1];
      String own = driver[2];
      String other = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getInstanceStrong().generateSeed(32));
      assertNotEquals(own, other);
      assertEquals("accepted", RpcProbe.probe(url, own));
      String refused = RpcProbe.probe(url, other);
      assertTrue(refused.startsWith("refused: "), refused);
      assertTrue(RpcProbe.probe(url, "x").startsWith("refused: "));
    } finally {
      app.getOutputStream().close();
      app.waitFor();
    }
  }
}
