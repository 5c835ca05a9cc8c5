package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.junit.jupiter.api.Test;

/** The credential rule and its line; the refusal on a real Kerberized HDFS is cluster-test.sh kerberos's. */
class KerberosCredentialsTest {
  @Test
  void aUserWithNeitherTicketNorKeytabNorTokensHasNone() {
    assertFalse(KerberosCredentials.present(UserGroupInformation.createRemoteUser("alice")));
  }

  @Test
  void delegationTokensAreCredentials() {
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    executor.addToken(new Token<TokenIdentifier>(new byte[0], new byte[0], new Text("HDFS_DELEGATION_TOKEN"),
        new Text("127.0.0.1:8020")));
    assertTrue(KerberosCredentials.present(executor));
  }

  /** Hadoop's words when a run outlived its tokens (as `cluster-test.sh kerberos-control` printed them). */
  @Test
  void expiredTokensSayHowToHaveThemRenewed() {
    IOException nameNode = new IOException(new RemoteException("org.apache.hadoop.security.token.SecretManager$InvalidToken",
        "Token  has expired, current time: 2026-12-06 14:36:02,113+0000 expected renewal time: ..."));
    assertEquals("hdfs://nn/data/x: the application's Hadoop delegation tokens have expired: run it with --principal"
        + " NAME@REALM --keytab FILE, from which Spark renews them, when it lasts longer than their life",
        KerberosCredentials.expired("hdfs://nn/data/x", nameNode));
    assertNull(KerberosCredentials.expired("hdfs://nn/data/x", new IOException("Connection refused")));
    assertNull(KerberosCredentials.expired("hdfs://nn/data/x",
        new IOException(new RemoteException("org.apache.hadoop.security.token.SecretManager$InvalidToken", "token is not valid"))));
  }

  @Test
  void theRefusalNamesTheFileSystemAndTheTwoWaysIn() {
    assertEquals("no Kerberos credentials for hdfs://nn.example.com:8020: run kinit (or set KRB5CCNAME to your ticket"
        + " cache) or pass --principal NAME@REALM --keytab FILE before the command",
        KerberosCredentials.missing(URI.create("hdfs://nn.example.com:8020/team/warehouse")).getMessage());
  }
}
