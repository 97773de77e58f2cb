package org.tongban.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.tongban.MalformedInputException;
import org.tongban.TongbanException;
import org.tongban.identity.JsonWebKeys;
import org.tongban.internal.asn1.Der;
import org.tongban.internal.jose.Json;
import org.tongban.io.Limits;
import org.tongban.keys.Pem;

/**
 * Coverage-guided fuzzing (Jazzer) of the core parsers that read outside input. Each may throw
 * only its declared exception type; anything else (a NullPointerException, a BouncyCastle
 * runtime exception, an OutOfMemoryError) fails the run. {@code mvn verify} replays the seed
 * corpus in {@code src/test/resources/org/tongban/fuzz/CoreParsersFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} a run explores new inputs.
 */
class CoreParsersFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void der(byte[] input) {
    try {
      Der.decode(input, 1 << 20, Limits.MAX_ASN1_DEPTH);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void certificate(byte[] input) {
    try {
      Pem.readCertificate(input);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void json(byte[] input) {
    Json.parseObject(new String(input, StandardCharsets.UTF_8)); // empty when not an object
  }

  @FuzzTest(maxDuration = "2m")
  void jwks(byte[] input) {
    try {
      JsonWebKeys.parse(new String(input, StandardCharsets.UTF_8));
    } catch (MalformedInputException e) {
      // declared
    } catch (TongbanException e) {
      throw new AssertionError("undeclared " + e, e);
    }
  }
}
