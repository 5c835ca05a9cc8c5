package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.train.parallel.SyncRule;

/**
 * The automatic plan, table-driven. Hand-computed from the rule's figures for [784,30,10]
 * (23,860 parameters, 143,160 FLOP a sample: a = 7.953 us of arithmetic per sample at
 * 18 GFLOP/s), a job's 8 ms in local mode and 32 ms between JVMs: on local[2] fused steps win up
 * to m = 8 / (a / 2) = 2011, on a 2-core cluster up to m = 32 / (a / 2) = 8047, on 8 cluster cores
 * up to 32 / (a * 7/8) = 4598. E.g. local[2], m = 10: (8 ms + 10a/2) / 10a = 101x.
 */
class PlanTest {
  private static final int PARAMS = 784 * 30 + 30 + 30 * 10 + 10;
  private static final int MNIST_SAMPLE = 785;

  @ParameterizedTest(name = "{0} cores {1}, heap {2} MB, n {3}, m {4}, sync {5}, --partitions {6}")
  @CsvSource(delimiter = '|', textBlock = """
      # master | cores | heap MB | n       | m    | sync | partitions | train | eval | text
      local    | 2     | 4096    | 60000   | 10   | 0    | -1         | 1     | 2    | exact SGD, 1 partition, fused steps (m=10: one job per step would cost 101x here); evaluation on 2 partitions
      local    | 2     | 4096    | 60000   | 100  | 0    | -1         | 1     | 2    | exact SGD, 1 partition, fused steps (m=100: one job per step would cost 11x here); evaluation on 2 partitions
      local    | 2     | 4096    | 60000   | 2000 | 0    | -1         | 1     | 2    | exact SGD, 1 partition, fused steps (m=2000: one job per step would cost 1.0x here); evaluation on 2 partitions
      local    | 2     | 4096    | 60000   | 2020 | 0    | -1         | 2     | 2    | exact SGD, 2 partitions, one job per step (m=2020: fused steps on one core would take 1.0x as long)
      local    | 2     | 4096    | 60000   | 5000 | 0    | -1         | 2     | 2    | exact SGD, 2 partitions, one job per step (m=5000: fused steps on one core would take 1.4x as long)
      local    | 1     | 4096    | 60000   | 1000 | 0    | -1         | 1     | 1    | exact SGD, 1 partition, fused steps (m=1000: one job per step would cost 2.0x here)
      cluster  | 2     | 1024    | 60000   | 1000 | 0    | -1         | 1     | 2    | exact SGD, 1 partition, fused steps (m=1000: one job per step would cost 4.5x here); evaluation on 2 partitions
      cluster  | 2     | 1024    | 60000   | 8000 | 0    | -1         | 1     | 2    | exact SGD, 1 partition, fused steps (m=8000: one job per step would cost 1.0x here); evaluation on 2 partitions
      cluster  | 2     | 1024    | 60000   | 8100 | 0    | -1         | 2     | 2    | exact SGD, 2 partitions, one job per step (m=8100: fused steps on one core would take 1.0x as long)
      cluster  | 8     | 1024    | 60000   | 4500 | 0    | -1         | 1     | 8    | exact SGD, 1 partition, fused steps (m=4500: one job per step would cost 1.0x here); evaluation on 8 partitions
      cluster  | 8     | 1024    | 60000   | 4700 | 0    | -1         | 8     | 8    | exact SGD, 8 partitions, one job per step (m=4700: fused steps on one core would take 1.0x as long)
      cluster  | 2     | 1024    | 200000  | 10   | 0    | -1         | 2     | 2    | exact SGD, 2 partitions, one job per step (the training set, 157 MB, is more than a quarter of one executor's storage memory, 456 MB; --partitions N --sync-every auto spreads it over N workers instead)
      local    | 2     | 4096    | 1000000 | 10   | 0    | -1         | 2     | 2    | exact SGD, 2 partitions, one job per step (the training set, 785 MB, is more than a quarter of one executor's storage memory, 2388 MB; --partitions N --sync-every auto spreads it over N workers instead)
      local    | 2     | 4096    | 60000   | 10   | 10   | -1         | 2     | 2    | local SGD (sync every 10), 2 partitions: every core
      cluster  | 8     | 1024    | 60000   | 10   | 2147483647 | -1   | 8     | 8    | local SGD (sync every epoch), 8 partitions: every core
      local    | 2     | 4096    | 60000   | 10   | 0    | 3          | 3     | 3    | exact SGD, 3 partitions (--partitions 3)
      local    | 2     | 4096    | 60000   | 10   | 0    | 1          | 1     | 1    | exact SGD, 1 partition, fused steps (--partitions 1)
      local    | 2     | 4096    | 60000   | 10   | 0    | 0          | 2     | 2    | exact SGD, 2 partitions (--partitions 0: Spark's default parallelism)
      """)
  void theRule(String master, int cores, long heapMb, long n, int m, int sync, int partitions, int train, int eval,
      String text) {
    Plan.Cluster c = new Plan.Cluster(master.equals("local"), cores, heapMb * 1024 * 1024);
    Plan p = Plan.choose(c, n, MNIST_SAMPLE, PARAMS, m, sync, partitions);
    assertEquals(new Plan(train, eval, text), p);
  }

  /**
   * The parallel plan: 16 workers on a cluster of 8 cores take 8 slots; a set of 200,000 samples
   * of 785 bytes (157 MB) is more than a quarter of a 1 GB executor's storage (456 MB x 0.25): the
   * plan says it is spread, 19.6 MB a slot. 4 workers on 60,000 samples, nothing to say.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      # cores | heap MB | n      | workers | train | text
      8       | 1024    | 200000 | 16      | 8     | parallel SGD, 16 workers on 8 task slots, rounds of 15 local steps at 1.00 x eta, Nesterov outer momentum 0.958, each epoch's model the mean of its last half of rounds (one barrier stage per about 10 s of epochs; the training set, 157 MB, more than a quarter of one executor's storage memory (456 MB), is spread over the slots, 20 MB each)
      2       | 4096    | 60000  | 4       | 2     | parallel SGD, 4 workers on 2 task slots, rounds of 60 local steps at 1.00 x eta, Nesterov outer momentum 0.833, each epoch's model the mean of its last half of rounds (one barrier stage per about 10 s of epochs)
      4       | 4096    | 60000  | 32      | 4     | parallel SGD, 32 workers on 4 task slots, rounds of 8 local steps at 1.00 x eta, Nesterov outer momentum 0.979, each epoch's model the mean of its last half of rounds (one barrier stage per about 10 s of epochs; exact SGD's accuracy is kept up to 16 workers, not beyond: docs/scaling.md)
      """)
  void theParallelPlan(int cores, long heapMb, long n, int workers, int train, String text) {
    Plan.Cluster c = new Plan.Cluster(false, cores, heapMb * 1024 * 1024);
    Plan p = Plan.parallel(c, n, MNIST_SAMPLE, workers, SyncRule.auto(workers, 10, 1.0));
    assertEquals(new Plan(train, cores, text), p);
  }

  /**
   * spark.memory.fraction counts: 512 MB executors at 0.02 keep (512 - 300) MiB x 0.02 = 4.4 MB
   * for storage, so the bundled 8,000 digits (6.3 MB) are more than one executor can cache. The
   * exact plan says so; the parallel plan spreads them over 2 slots, 3.1 MB each.
   */
  @Test
  void theMemoryFractionSizesAnExecutorsStorage() {
    Plan.Cluster c = new Plan.Cluster(false, 2, 512L * 1024 * 1024, 0.02);
    assertEquals(new Plan(2, 2, "exact SGD, 2 partitions, one job per step (the training set, 6.3 MB, is more than a quarter of"
        + " one executor's storage memory, 4.4 MB; --partitions N --sync-every auto spreads it over N workers instead)"),
        Plan.choose(c, 8000, MNIST_SAMPLE, PARAMS, 10, TrainSettings.EXACT, TrainSettings.AUTO));
    assertEquals(new Plan(2, 2, "parallel SGD, 2 workers on 2 task slots, rounds of 120 local steps at 1.41 x eta,"
        + " Nesterov outer momentum 0.529, each epoch's model the mean of its last half of rounds (one barrier stage per about 10 s of epochs; the training set, 6.3 MB, more than a quarter of one"
        + " executor's storage memory (4.4 MB), is spread over the slots, 3.1 MB each)"),
        Plan.parallel(c, 8000, MNIST_SAMPLE, 2, SyncRule.auto(2, 10, 0.1)));
  }
}
