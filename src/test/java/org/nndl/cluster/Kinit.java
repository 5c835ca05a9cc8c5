package org.nndl.cluster;

import java.io.File;
import org.apache.kerby.kerberos.kerb.client.KrbClient;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;

/**
 * {@code kinit -kt KEYTAB PRINCIPAL} for machines without MIT Kerberos' tools (the JDK ships no
 * kinit on Linux): asks the KDC of KRB5_CONF for a ticket-granting ticket with the keytab and
 * stores it in the credential cache file CCACHE, which Hadoop then finds through KRB5CCNAME.
 * Apache Kerby's client (a dependency of hadoop-minikdc) does the work.
 *
 * <p>Usage: {@code Kinit KRB5_CONF PRINCIPAL KEYTAB CCACHE}.
 */
public final class Kinit {
  private Kinit() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: Kinit KRB5_CONF PRINCIPAL KEYTAB CCACHE");
      System.exit(2);
    }
    KrbClient client = new KrbClient(new File(args[0]).getAbsoluteFile().getParentFile());
    client.init();
    TgtTicket tgt = client.requestTgt(args[1], new File(args[2]));
    File cache = new File(args[3]);
    if (cache.exists() && !cache.delete()) throw new IllegalStateException("cannot replace " + cache);
    client.storeTicket(tgt, cache);
  }
}
