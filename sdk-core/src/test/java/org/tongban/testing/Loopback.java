package org.tongban.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback helpers for tests that start servers of their own. */
public final class Loopback {
  private Loopback() {}

  /**
   * Returns a port on 127.0.0.1 that was free a moment ago.
   *
   * @return the port
   * @throws IOException if none can be had
   */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
