package org.nndl.cluster;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Runs another class's main as a Kerberos principal logged in from a keytab, the way
 * {@code spark-submit --principal --keytab} logs in its JVM: for Hadoop's own tools (FsShell),
 * which take no keytab. Usage: {@code AsUser PRINCIPAL KEYTAB CLASS ARGS...}.
 */
public final class AsUser {
  private AsUser() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: AsUser PRINCIPAL KEYTAB CLASS ARGS...");
      System.exit(2);
    }
    UserGroupInformation.loginUserFromKeytab(args[0], args[1]);
    Method main = Class.forName(args[2]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 3, args.length));
  }
}
