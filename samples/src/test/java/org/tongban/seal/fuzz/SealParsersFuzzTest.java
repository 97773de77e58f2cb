package org.tongban.seal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tongban.MalformedInputException;
import org.tongban.seal.internal.CmsSlices;
import org.tongban.seal.internal.SignatureDictionary;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Coverage-guided fuzzing (Jazzer) of the seal parsers: the strict SES DER codec (seals and
 * signatures), the CMS slicer and the direct PDF signature-dictionary reader. The SES codec may
 * throw only {@link MalformedInputException}; the two readers never throw (they decline with
 * an empty result). {@code mvn verify} replays the corpus under
 * {@code samples/src/test/resources/org/tongban/seal/fuzz/}.
 */
class SealParsersFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void sesSignature(byte[] input) {
    try {
      SesSignature.parse(input);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void sesSeal(byte[] input) {
    try {
      SesSeal.parse(input);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void cmsSlices(byte[] input) {
    CmsSlices.read(input);
  }

  @FuzzTest(maxDuration = "2m")
  void signatureDictionary(byte[] input) {
    SignatureDictionary.parse(input, 0, 44, 0); // the seed is object 44 0
  }
}
