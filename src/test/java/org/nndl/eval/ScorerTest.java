package org.nndl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nndl.compat.Scala;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.net.Initializer;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Regularization;
import org.nndl.train.TestData;
import org.nndl.train.TrainSettings;

/**
 * One scorer over partitions of several sizes, as an epoch task scores its sets after every
 * epoch: it keeps its batched network from one partition to the next (the second 1,100-sample
 * partition ends in a chunk of 76 columns after chunks of 512 left the others filled), and every
 * partition's figures still equal the single-machine reference's.
 */
class ScorerTest {
  @Test
  void aReusedScorerScoresEachPartitionAsTheReference() {
    NetworkSpec spec = TrainSettings.builder().data("test").sizes(784, 12, 10).epochs(1).lambda(0.0).seed(7)
        .build().validate().spec();
    Network2 ref = new Network2(spec, Initializer.DEFAULT.init(spec.layout(), 7L));
    ref.epoch(TestData.images(200, 28, 28, 10, 40), 10, 0.5, 0.0, 7L, 1);  // half-trained: some right, many wrong
    Evaluator.Scorer scorer = new Evaluator(spec).scorer();
    int seed = 41;
    for (int n : new int[] {1100, 1100, 300, 5, 1100}) {
      Dataset part = TestData.images(n, 28, 28, 10, seed++);
      Score score = scorer.partition(ref.params(), Scala.iterator(Block.split(part, 400).iterator()));
      assertEquals(n, score.count());
      assertEquals(ref.accuracy(part), score.correct(), n + " samples: correct");
      double expected = ref.totalCost(part, 0.0, Regularization.L2);
      assertEquals(expected, score.meanCost(), 1e-12 * Math.abs(expected), n + " samples: mean cost");
    }
  }
}
