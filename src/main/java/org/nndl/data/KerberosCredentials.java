package org.nndl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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

  private static boolean isLocal(URI fs) { return fs.getScheme() == null || "file".equals(fs.getScheme()); }

  private static UserGroupInformation currentUser() {
    try {
      return UserGroupInformation.getCurrentUser();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find the Hadoop user of this JVM: " + e.getMessage(), e);
    }
  }
}
