package org.tongban.identity;

import org.tongban.result.VerificationResult;

/**
 * A login through a ticket platform (the CAS-like shape many provincial platforms use): the
 * browser comes back with a one-time {@code ticket}, which the department exchanges over a
 * back channel for the person's identity. Implementations map the platform's answer onto the
 * same {@link Identity} as OIDC logins, so sessions and the servlet filter do not care which
 * kind of platform it was. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface TicketExchange {
  /**
   * Exchanges a ticket.
   *
   * @param ticket the callback's ticket
   * @return PASSED with the identity, or the reason
   */
  VerificationResult<Identity> exchange(String ticket);
}
