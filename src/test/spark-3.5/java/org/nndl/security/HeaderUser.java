package org.nndl.security;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A test stand-in for an authenticating servlet filter (spark.ui.filters): the request's user is
 * its X-User header, as a real filter (Kerberos/SPNEGO, a login proxy) would set it after
 * checking who is asking. Spark's ACLs then decide what that user may see and do. Spark 4's UI
 * runs on jakarta.servlet: its twin in src/test/spark-4/java.
 */
public final class HeaderUser implements Filter {
  static final String HEADER = "X-User";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String user = http.getHeader(HEADER);
    chain.doFilter(user == null ? request : new HttpServletRequestWrapper(http) {
      @Override
      public String getRemoteUser() { return user; }
    }, response);
  }
}
