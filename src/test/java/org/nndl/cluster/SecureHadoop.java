package org.nndl.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.ssl.KeyStoreTestUtil;

/**
 * Kerberos for {@link MiniHadoop}'s secure mode: a KDC (Hadoop's MiniKdc, Apache Kerby inside) on
 * 127.0.0.1, its principals with a keytab each under DIR/keytabs, and the secure settings of HDFS
 * and YARN (Kerberos authentication, service-level authorization, block access tokens, SASL
 * data-transfer protection with HTTPS-only web UIs, short-lived delegation tokens).
 *
 * <p>Principals (realm {@link #REALM}): {@code hadoop/localhost} for the NameNode, the DataNodes
 * and the ResourceManager, {@code nm/localhost} for the NodeManagers, {@code HTTP/localhost} for
 * the web UIs' SPNEGO, and the users {@code alice} and {@code bob}. The first three services share
 * one principal because they share one JVM: Hadoop's Kerberos login is one per JVM (the last
 * {@code loginUserFromKeytab} wins, and an RPC server accepts clients as whoever that is); each
 * NodeManager has a JVM of its own. {@code hadoop} is HDFS's superuser.
 */
final class SecureHadoop {
  static final String REALM = "EXAMPLE.COM";
  static final String HOST = "localhost";
  /** The service principals, each with DIR/keytabs/NAME.keytab ({@code /} in a name becomes {@code -}). */
  static final String[] SERVICES = {"hadoop/" + HOST, "nm/" + HOST, "HTTP/" + HOST};
  static final String[] USERS = {"alice", "bob"};
  /**
   * HDFS delegation tokens: renewed every {@code RENEW_MS} at most, dead after {@code MAX_LIFETIME_MS}
   * whatever renewals (Hadoop: a day and a week), so that a run of a few minutes outlives its first
   * tokens and works only if Spark obtains new ones with the keytab.
   */
  static final long RENEW_MS = 60_000;
  static final long MAX_LIFETIME_MS = 120_000;

  private final MiniKdc kdc;
  private final Path keytabs;

  private SecureHadoop(MiniKdc kdc, Path keytabs) {
    this.kdc = kdc;
    this.keytabs = keytabs;
  }

  /**
   * Starts the KDC with its state under DIR/kdc, its clients' configuration in DIR/kdc/krb5.conf
   * (this JVM's {@code java.security.krb5.conf}), and writes every principal's keytab.
   */
  static SecureHadoop start(Path dir) throws Exception {
    Properties conf = MiniKdc.createConf();
    conf.setProperty(MiniKdc.KDC_BIND_ADDRESS, HOST);
    conf.setProperty(MiniKdc.ORG_DOMAIN, "COM");
    conf.setProperty(MiniKdc.ORG_NAME, "EXAMPLE");
    Path kdcDir = Files.createDirectories(dir.resolve("kdc"));
    MiniKdc kdc = new MiniKdc(conf, kdcDir.toFile());
    kdc.start();
    // MiniKdc writes it into a folder named by the time: copied to a place env.sh can name.
    Path krb5 = Files.copy(kdc.getKrb5conf().toPath(), kdcDir.resolve("krb5.conf"), StandardCopyOption.REPLACE_EXISTING);
    System.setProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF, krb5.toString());
    SecureHadoop secure = new SecureHadoop(kdc, Files.createDirectories(dir.resolve("keytabs")));
    for (String p : SERVICES) kdc.createPrincipal(secure.keytab(p), p);
    for (String p : USERS) kdc.createPrincipal(secure.keytab(p), p);
    return secure;
  }

  void stop() { kdc.stop(); }

  File keytab(String principal) { return keytabs.resolve(principal.replace('/', '-') + ".keytab").toFile(); }

  static String principal(String name) { return name + "@" + REALM; }

  /**
   * Turns {@code conf} secure: Kerberos and authorization (core), principals, block tokens,
   * data-transfer protection, HTTPS and permissions (HDFS), principals and keytabs (YARN). The
   * HTTPS key and trust stores, and ssl-server.xml/ssl-client.xml naming them, go to {@code ssl},
   * which must be on the class path of every JVM that serves HTTPS (hadoop.sh puts it there).
   */
  void configure(Configuration conf, Path ssl) throws Exception {
    conf.set("hadoop.security.authentication", "kerberos");
    conf.setBoolean("hadoop.security.authorization", true);
    String hadoop = principal(SERVICES[0]);
    String http = principal(SERVICES[2]);
    for (String role : new String[] {"namenode", "datanode"}) {
      conf.set("dfs." + role + ".kerberos.principal", hadoop);
      conf.set("dfs." + role + ".keytab.file", keytab(SERVICES[0]).getPath());
    }
    conf.set("dfs.web.authentication.kerberos.principal", http);
    conf.set("dfs.web.authentication.kerberos.keytab", keytab(SERVICES[2]).getPath());
    conf.setBoolean("dfs.block.access.token.enable", true);
    conf.set("dfs.data.transfer.protection", "authentication");
    conf.set("dfs.http.policy", "HTTPS_ONLY");
    conf.set("dfs.namenode.https-address", HOST + ":0");
    conf.set("dfs.datanode.https.address", HOST + ":0");
    conf.setBoolean("dfs.permissions.enabled", true);
    conf.setLong("dfs.namenode.delegation.token.renew-interval", RENEW_MS);
    conf.setLong("dfs.namenode.delegation.token.max-lifetime", MAX_LIFETIME_MS);
    conf.set("yarn.resourcemanager.principal", hadoop);
    conf.set("yarn.resourcemanager.keytab", keytab(SERVICES[0]).getPath());
    conf.set("yarn.nodemanager.principal", principal(SERVICES[1]));
    conf.set("yarn.nodemanager.keytab", keytab(SERVICES[1]).getPath());
    for (String role : new String[] {"resourcemanager", "nodemanager"}) {
      conf.set("yarn." + role + ".webapp.spnego-principal", http);
      conf.set("yarn." + role + ".webapp.spnego-keytab-file", keytab(SERVICES[2]).getPath());
    }
    Files.createDirectories(ssl);
    KeyStoreTestUtil.setupSSLConfig(ssl.toString(), ssl.toString(), conf, false);
  }
}
