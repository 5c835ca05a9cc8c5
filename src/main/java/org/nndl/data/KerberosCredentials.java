package org.nndl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.regex.Pattern;
import org.apache.hadoop.security.UserGroupInformation;
import org.nndl.error.ClusterRefusals;
import org.nndl.error.UserError;

/**
 * Refuses to touch a Kerberized file system without credentials, before anything is written: with
 * Kerberos on (HADOOP_CONF_DIR's core-site.xml: {@code hadoop.security.authentication=kerberos}),
 * a JVM can reach HDFS only as a user logged in with a ticket ({@code kinit}) or a keytab
 * ({@code --principal --keytab}), or with delegation tokens (what YARN gives an application's
 * containers). Without any, Hadoop's client would fail each call with a trace ("Client cannot
 * authenticate via:[TOKEN, KERBEROS]"); this says what to do in one line instead.
 */
public final class KerberosCredentials {
  private static final Pattern EXPIRED = Pattern.compile("(?i)token.*\\b(has|is) expired");

  private KerberosCredentials() {}

  /** @throws UserError if Kerberos is on and this JVM's user has neither Kerberos credentials nor tokens */
  public static void require(URI fileSystem) {
    if (isLocal(fileSystem) || !UserGroupInformation.isSecurityEnabled()) return;
    if (!present(currentUser())) throw missing(fileSystem);
  }

  /** True when {@code user} can authenticate: a ticket or keytab login, or delegation tokens. */
  static boolean present(UserGroupInformation user) {
    return user.hasKerberosCredentials() || user.getCredentials().numberOfTokens() > 0;
  }

  static UserError missing(URI fileSystem) {
    String where = fileSystem.getScheme() + "://" + (fileSystem.getAuthority() == null ? "" : fileSystem.getAuthority());
    return new UserError(ClusterRefusals.noKerberosCredentials(where));
  }

  /**
   * The line for a Hadoop call that failed because the application's delegation tokens expired
   * (Hadoop's InvalidToken, "... has expired" / "is expired"), or null for any other failure: a
   * YARN run with only a ticket outlives its tokens, which Spark renews only from a keytab.
   */
  static String expired(String what, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t);  // a RemoteException names the NameNode's exception class only there
      if (message.contains("InvalidToken") && EXPIRED.matcher(message).find()) {
        return what + ": the application's Hadoop delegation tokens have expired: run it with --principal NAME@REALM"
            + " --keytab FILE, from which Spark renews them, when it lasts longer than their life";
      }
    }
    return null;
  }

  private static boolean isLocal(URI fs) { return fs.getScheme() == null || "file".equals(fs.getScheme()); }

  private static UserGroupInformation currentUser() {
    try {
      return UserGroupInformation.getCurrentUser();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find the Hadoop user of this JVM: " + e.getMessage(), e);
    }
  }
}
