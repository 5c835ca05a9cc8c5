package org.nndl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nndl.metrics.ResultFormat;
import org.nndl.metrics.ResultPrinter;
import org.nndl.net.ModelJson;
import org.nndl.predict.ImageInputs;
import org.nndl.predict.ModelFile;
import org.nndl.predict.Prediction;
import org.nndl.predict.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code predict}: the digit a saved model sees in each picture, computed on the driver without Spark. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Classify pictures of digits with a saved model (ours or network2.py's save()): one line per picture"
        + " with its source, the predicted digit and the winning output's activation.",
        "Runs on the driver with the plain-Java network: no Spark job is started (a few pictures take milliseconds).",
        "PNG pictures are made to look like MNIST digits: gray (0.299 R + 0.587 G + 0.114 B; transparency over white),"
        + " inverted when their border is mostly light (dark ink on paper; MNIST is light ink on black), and scaled,"
        + " aspect ratio kept, into the model's square (28x28 for 784 inputs) centred on black. Crop them to the digit"
        + " with a small margin: MNIST's 20x20 box and centre-of-mass centring are not redone."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "model.json of a run, or a file from network2.py's save()")
  Path model;
  @Option(names = "--images", required = true, arity = "1..*", paramLabel = "F",
      description = "an IDX images file (raw or .gz; each picture is named FILE[i]), PNG files, or folders of PNG files")
  List<Path> images;
  @Option(names = "--format", description = "table | csv | json; csv and json add every output's activation (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    ResultFormat f = ResultFormat.parse(format);
    ModelJson.Model m = ModelFile.load(model);
    Predictor predictor = new Predictor(m);
    int outputs = m.spec().layout().outputSize();
    boolean all = f != ResultFormat.TABLE;
    List<Row> rows = new ArrayList<>();
    ImageInputs.load(images, m.spec()).forEach(image -> rows.add(row(predictor.predict(image), all)));
    ResultPrinter.print(schema(outputs, all), rows, f, System.out);
    return 0;
  }

  private static StructType schema(int outputs, boolean all) {
    StructType s = new StructType().add("source", DataTypes.StringType).add("digit", DataTypes.IntegerType)
        .add("activation", DataTypes.DoubleType);
    if (all) for (int j = 0; j < outputs; j++) s = s.add("out_" + j, DataTypes.DoubleType);
    return s;
  }

  private static Row row(Prediction p, boolean all) {
    Object[] cells = new Object[3 + (all ? p.outputs().length : 0)];
    cells[0] = p.source();
    cells[1] = p.digit();
    cells[2] = p.activation();
    if (all) for (int j = 0; j < p.outputs().length; j++) cells[3 + j] = p.outputs()[j];
    return RowFactory.create(cells);
  }
}
