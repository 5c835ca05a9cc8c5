package org.nndl.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ludovic.netlib.blas.JavaBLAS;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The products' vectors are of the class Spark's own BLAS computes doubles with: netlib's
 * VectorBLAS (behind MLlib's MLP) reads its species from DoubleVector.SPECIES_MAX. A second
 * class in the JVM pollutes the Vector API's shared type profiles and C2 then boxes every
 * vector of these products (4-5x slower epochs after an MLP fit in the same JVM).
 */
class VectorSpeciesTest {
  @Test void theProductsUseTheVectorClassOfSparksBlas() throws Exception {
    Object blas = JavaBLAS.getInstance();
    assertEquals("dev.ludovic.netlib.blas.VectorBLAS", blas.getClass().getName(),
        "with jdk.incubator.vector (the test JVM has it, as ./submit's) netlib picks its Vector-API BLAS");
    Field doubles = blas.getClass().getDeclaredField("DMAX");
    doubles.setAccessible(true);
    assertSame(doubles.get(null), VectorProducts.species());
  }
}
