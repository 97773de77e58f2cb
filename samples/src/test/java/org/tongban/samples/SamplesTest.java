package org.tongban.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tongban.samples.signer.RemoteSignerSample;

/** Every sample runs and reaches its happy end. */
class SamplesTest {
  @Test
  void remoteSignerSample_sealsThroughTheSigningService() throws Exception {
    TestFonts.require("某某局");
    assertTrue(RemoteSignerSample.run());
  }
}
