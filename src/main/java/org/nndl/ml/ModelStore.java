package org.nndl.ml;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nndl.compat.MlMetadata;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;

/**
 * ML persistence of a model, as Spark's own models do it: the params as metadata JSON
 * (DefaultParamsWriter), the network as one Parquet row in data/ (sizes, activation, output, cost,
 * the parameters as doubles: every bit kept).
 */
final class ModelStore {
  private static final StructType SCHEMA = new StructType()
      .add("sizes", DataTypes.createArrayType(DataTypes.IntegerType, false))
      .add("activation", DataTypes.StringType)
      .add("output", DataTypes.StringType)
      .add("cost", DataTypes.StringType)
      .add("params", DataTypes.createArrayType(DataTypes.DoubleType, false));

  private ModelStore() {}

  static final class Writer extends MLWriter {
    private final NetworkClassificationModel model;

    Writer(NetworkClassificationModel model) { this.model = model; }

    @Override public void saveImpl(String path) {
      MlMetadata.save(model, path, sparkSession());
      NetworkSpec s = model.spec();
      Row row = RowFactory.create(box(s.layout().sizes()), s.activation().id(), s.output().id(), s.cost().id(), box(model.weights()));
      sparkSession().createDataFrame(List.of(row), SCHEMA).repartition(1).write().parquet(path + "/data");
    }
  }

  static final class Reader extends MLReader<NetworkClassificationModel> {
    @Override public NetworkClassificationModel load(String path) {
      DefaultParamsReader.Metadata meta = MlMetadata.load(path, sparkSession(), NetworkClassificationModel.class.getName());
      Row row = sparkSession().read().parquet(path + "/data").first();
      List<Integer> sizes = row.getList(0);
      List<Double> params = row.getList(4);
      NetworkSpec spec = new NetworkSpec(new Layout(sizes.stream().mapToInt(Integer::intValue).toArray()),
          Activation.parse(row.getString(1)), Output.parse(row.getString(2)), Cost.parse(row.getString(3)));
      NetworkClassificationModel model = NetworkClassificationModel.loaded(meta.uid(), spec,
          params.stream().mapToDouble(Double::doubleValue).toArray());
      meta.getAndSetParams(model, scala.Option.empty());
      return model;
    }
  }

  private static Object box(int[] a) { return Arrays.stream(a).boxed().toArray(Integer[]::new); }

  private static Object box(double[] a) { return Arrays.stream(a).boxed().toArray(Double[]::new); }
}
