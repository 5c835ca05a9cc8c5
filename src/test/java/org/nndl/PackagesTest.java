package org.nndl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package structure a reader navigates by (docs/design.md): dependencies point down, from
 * what drives a run to the numerics, and never back up.
 */
class PackagesTest {
  private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of(System.getProperty("nndl.test.classes", "target/classes")));  // the line's (pom.xml)

  @Test
  void packagesFormNoCycle() {
    slices().matching("org.nndl.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theReferenceIsPlainJava() {
    noClasses().that().resideInAPackage("org.nndl.net..").should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..").check(MAIN);
  }

  @Test
  void theKernelDataAndCacheKnowNothingOfTheLoopOrWhatDrivesIt() {
    noClasses().that().resideInAnyPackage("org.nndl.net..", "org.nndl.data..", "org.nndl.compute..", "org.nndl.cache..")
        .should().dependOnClassesThat().resideInAnyPackage("org.nndl.train..", "org.nndl.eval..", "org.nndl.run..",
            "org.nndl.checkpoint..", "org.nndl.metrics..", "org.nndl.ml..", "org.nndl.cli..")
        .check(MAIN);
  }

  @Test
  void onlyTheCommandLineUsesTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("org.nndl.cli..").should().dependOnClassesThat()
        .resideInAPackage("org.nndl.cli..").check(MAIN);
  }
}
