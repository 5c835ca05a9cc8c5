package org.nndl.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The Spark properties a spark-submit command line sets, as Spark's launcher reads them: the
 * properties file's, then --conf and the options that stand for a property (--master, --keytab,
 * --principal) over them. The arguments after --class's main class and the jar are the
 * application's, not read.
 */
final class SubmitConf {
  private SubmitConf() {}

  static Properties of(String[] args) {
    Properties file = new Properties(), given = new Properties();
    for (int i = 0; i < args.length; i++) {
      String option = args[i], value;
      int eq = option.indexOf('=');
      if (option.startsWith("--") && eq > 0) {
        value = option.substring(eq + 1);
        option = option.substring(0, eq);
      } else {
        if (i + 1 >= args.length) break;
        value = args[++i];
      }
      switch (option) {
        case "--class" -> { return merged(file, given); }  // the jar and the application's arguments follow
        case "--properties-file" -> load(file, Path.of(value));
        case "--conf" -> {
          int kv = value.indexOf('=');
          if (kv > 0) given.setProperty(value.substring(0, kv), value.substring(kv + 1));
        }
        case "--master" -> given.setProperty("spark.master", value);
        case "--deploy-mode" -> given.setProperty("spark.submit.deployMode", value);
        case "--keytab" -> given.setProperty("spark.kerberos.keytab", value);
        case "--principal" -> given.setProperty("spark.kerberos.principal", value);
        default -> { }  // another option and its value
      }
    }
    return merged(file, given);
  }

  /** True when Spark logs in from a keytab of its own (--keytab, spark.kerberos.keytab or spark.yarn.keytab). */
  static boolean keytab(Properties conf) {
    return conf.containsKey("spark.kerberos.keytab") || conf.containsKey("spark.yarn.keytab");
  }

  private static Properties merged(Properties file, Properties given) {
    file.putAll(given);
    return file;
  }

  private static void load(Properties into, Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      into.load(r);  // "key value" lines, as spark-defaults.conf has them
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the properties file " + file, e);
    }
  }
}
