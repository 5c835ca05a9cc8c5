package org.nndl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bare application is launched as submit launches the project, without the class archive. */
class StartupBenchTest {
  @Test
  void bareCommandKeepsTheJvmOptionsButNotTheClassArchive() {
    List<String> cmd = StartupBench.bareCommand(List.of("-Xmx4g", "--add-modules=jdk.incubator.vector",
        "-XX:SharedArchiveFile=/p/train-1.jsa", "-XX:DumpLoadedClassList=/p/x.classlist", "-Dnndl.class-archive=/p/x.classlist",
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dnndl.home=/p"), "/jdk", "a.jar:b.jar", Path.of("/p"));
    assertEquals(List.of("/jdk/bin/java", "-Xmx4g", "--add-modules=jdk.incubator.vector", "-Dnndl.home=/p",
        "-cp", "a.jar:b.jar", "org.apache.spark.deploy.SparkSubmit", "--properties-file", "/p/conf/spark-defaults.conf",
        "--class", "org.nndl.bench.BareStart", "/p/target/nndl-spark.jar"), cmd);
  }
}
