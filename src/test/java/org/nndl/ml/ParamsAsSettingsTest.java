package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Output;
import org.nndl.net.Regularization;
import org.nndl.train.Techniques;
import org.nndl.train.TrainSettings;

/** The params mapped to the trainer's settings by the command line's mapping: each one lands on its setting (the defaults: EstimatorDefaultsTest). */
class ParamsAsSettingsTest {
  @Test void everyParamSetLandsOnItsSetting() {
    NetworkClassifier clf = new NetworkClassifier().setHiddenLayers(7, 5).setActivation("tanh").setOutput("softmax")
        .setCost("log-likelihood").setInit("large").setMaxIter(3).setBatchSize(4).setStepSize(0.25).setRegParam(0.125)
        .setRegularization("l1").setDropout(0.375).setSeed(-9).setSyncEvery("6").setPartitions("3").setEarlyStop(2)
        .setEtaSchedule("halve").setPatience(4).setMonitor(true).setValidationIndicatorCol("held");
    TrainSettings s = Fit.settings(clf, 12, 4, 33);
    TrainSettings expected = TrainSettings.builder().data("DataFrame").sizes(12, 7, 5, 4).activation(Activation.TANH)
        .output(Output.SOFTMAX).cost(Cost.LOG_LIKELIHOOD).init(Initializer.LARGE).epochs(3).batchSize(4).eta(0.25)
        .lambda(0.125).seed(-9).monitor(true).partitions(3).syncEvery(6)
        .techniques(new Techniques(Regularization.L1, 0.375, 0, 33, 2, true, 4, false)).build();
    assertEquals(expected.all(), s.all());
    assertEquals(expected.techniques(), s.techniques());
  }
}
