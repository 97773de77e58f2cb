package org.tongban.seal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.tongban.pki.TrustPolicy;
import org.tongban.seal.ofd.OfdSealVerifier;
import org.tongban.seal.ofd.internal.Gbt35275;
import org.tongban.seal.ofd.internal.OfdPackage;
import org.tongban.seal.ofd.internal.OfdStructure;
import org.tongban.seal.ofd.internal.OfdXml;

/**
 * Coverage-guided fuzzing (Jazzer) of the OFD readers: the ZIP package reader (listing and
 * inflating every part), the hardened XML parser, the signature structure over a package, the
 * GB/T 35275 SignedData reader, and the whole verifier. Each reader may throw only
 * {@link MalformedInputException}; the verifier never throws. {@code mvn verify} replays the
 * corpus under {@code samples/src/test/resources/org/tongban/seal/fuzz/}.
 */
class OfdParsersFuzzTest {
  private static final Limits SMALL = Limits.builder().maxOfdInflatedBytes(16 * 1024 * 1024)
      .build();
  private static final OfdSealVerifier VERIFIER = OfdSealVerifier.builder(TrustPolicy.none())
      .limits(SMALL).build();

  @FuzzTest(maxDuration = "2m")
  void ofdPackage(byte[] input) {
    try {
      OfdPackage p = OfdPackage.read(input, SMALL);
      for (String name : p.names()) {
        p.read(name, 1 << 20);
      }
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void ofdXml(byte[] input) {
    try {
      OfdXml.parse(input, "fuzz.xml");
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void ofdStructure(byte[] input) {
    try {
      OfdPackage p = OfdPackage.read(input, SMALL);
      for (OfdStructure.Doc doc : OfdStructure.docs(p)) {
        for (OfdStructure.Listed l : OfdStructure.signatures(p, doc)) {
          OfdStructure.describe(p, l);
        }
      }
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void gbt35275(byte[] input) {
    try {
      Gbt35275.parse(input, Limits.MAX_ASN1_BYTES);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void ofdVerifier(byte[] input) {
    VERIFIER.verify(input);
  }
}
