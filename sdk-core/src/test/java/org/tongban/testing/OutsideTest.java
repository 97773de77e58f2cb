package org.tongban.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class OutsideTest {
  @Test
  void missingTool_skipsWithOneLine_outsideCi() {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThrows(TestAbortedException.class, () -> Outside.require(false,
          "zbarimg not found on PATH", "apt-get install zbar-tools", false));
    } finally {
      System.setErr(saved);
    }
    assertEquals("[skipped] OutsideTest: zbarimg not found on PATH (apt-get install zbar-tools)"
        + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void missingTool_failsUnderCi() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Outside.require(
        false, "pdfsig not found on PATH", "apt-get install poppler-utils", true));
    assertTrue(e.getMessage().contains(".ci/run must install it"), e.getMessage());
  }

  @Test
  void presentTool_passes() {
    assertDoesNotThrow(() -> Outside.require(true, "x", "y", true));
    assertTrue(Outside.find("sh").isPresent(), "sh is on every PATH");
    assertTrue(Outside.find("no-such-program-tongban").isEmpty());
  }
}
