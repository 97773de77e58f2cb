package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.internal.crypto.EcSignatureCodec;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.qr.QrCodec;
import org.tongban.license.qr.QrImages;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.testing.ResultAssertions;

/**
 * Validly signed licences that still must not pass: each re-signed with the issuer's own key
 * after one change, so that only the rule under test can refuse it.
 */
class LicenseHostileInputTest {
  private static final LicenseFixtures F =
      new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
  private static final LicenseVerifier V = F.verifier();
  private static final String TEXT = F.issuer().issue(LicenseFixtures.businessLicence("H1"))
      .text();

  /** Changes the CWT claims, re-signs, wraps the COSE_Sign1 as told, re-encodes. */
  private static String resigned(Consumer<CBORObject> edit, UnaryOperator<CBORObject> wrap) {
    CoseSign1.Parsed p = CoseSign1.parse(QrCodec.decode(TEXT, Set.of("ZZ1:")).cose());
    CBORObject claims = CBORObject.DecodeFromBytes(p.payload()); // tags kept as they are
    edit.accept(claims);
    byte[] payload = claims.EncodeToBytes();
    byte[] der = F.key.sign(CoseSign1.toBeSigned(p.protectedBytes(), payload));
    byte[] rs = EcSignatureCodec.convert(der, SignatureEncoding.DER, SignatureEncoding.RAW_R_S,
        32);
    CBORObject cose = CBORObject.DecodeFromBytes(CoseSign1.assemble(p.protectedBytes(), payload,
        rs)).Untag();
    return QrCodec.encode("ZZ1:", wrap.apply(cose).EncodeToBytes());
  }

  private static CBORObject tag18(CBORObject o) {
    return CBORObject.FromObjectAndTag(o, 18);
  }

  @Test
  void resignedUnchanged_passes_soEveryRefusalBelowIsTheRulesOwn() {
    ResultAssertions.assertPassed(V.verify(resigned(c -> { }, LicenseHostileInputTest::tag18)));
    ResultAssertions.assertPassed(V.verify(resigned(c -> { }, o -> o))); // untagged
  }

  @Test
  void notBeforeAYearAhead_isNotYetValid() {
    long nbf = Instant.now().plus(365, ChronoUnit.DAYS).getEpochSecond();
    ResultAssertions.assertResult(V.verify(resigned(c -> c.Add(5, nbf),
        LicenseHostileInputTest::tag18)), Indication.FAILED, Reason.NOT_YET_VALID);
    long past = Instant.now().minus(1, ChronoUnit.DAYS).getEpochSecond();
    ResultAssertions.assertPassed(V.verify(resigned(c -> c.Add(5, past),
        LicenseHostileInputTest::tag18)));
  }

  @Test
  void claimsOfTheWrongType_areMalformed() {
    for (Consumer<CBORObject> edit : java.util.List.<Consumer<CBORObject>>of(
        c -> c.Set(1, 91350100), // iss as an integer
        c -> c.Set(6, "today"), // iat as text
        c -> c.Set(4, CBORObject.FromObjectAndTag(java.math.BigInteger.TWO.pow(70), 2)),
        c -> c.Add(7, "not bytes"))) { // cti
      ResultAssertions.assertResult(V.verify(resigned(edit, LicenseHostileInputTest::tag18)),
          Indication.FAILED, Reason.FORMAT_FAILURE);
    }
  }

  @Test
  void tags_exactlyOne18_optionallyInsideCwt61() {
    ResultAssertions.assertPassed(V.verify(resigned(c -> { },
        o -> CBORObject.FromObjectAndTag(tag18(o), 61))));
    for (UnaryOperator<CBORObject> wrap : java.util.List.<UnaryOperator<CBORObject>>of(
        o -> tag18(tag18(o)), o -> CBORObject.FromObjectAndTag(o, 61),
        o -> CBORObject.FromObjectAndTag(o, 98), o -> tag18(CBORObject.FromObjectAndTag(o, 61)),
        o -> CBORObject.FromObjectAndTag(CBORObject.FromObjectAndTag(tag18(o), 61), 61))) {
      ResultAssertions.assertResult(V.verify(resigned(c -> { }, wrap)), Indication.FAILED,
          Reason.FORMAT_FAILURE);
    }
  }

  private static byte[] png(BufferedImage... codes) throws Exception {
    int w = 0;
    int h = 0;
    for (BufferedImage c : codes) {
      w += c.getWidth() + 40;
      h = Math.max(h, c.getHeight());
    }
    BufferedImage all = new BufferedImage(w, h + 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, all.getWidth(), all.getHeight());
    int x = 20;
    for (BufferedImage c : codes) {
      g.drawImage(c, x, 20, null);
      x += c.getWidth() + 40;
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(all, "png", out);
    return out.toByteArray();
  }

  @Test
  void twoDifferentCodesInOneImage_areUndecided_neverOneSilently() throws Exception {
    String other = F.issuer().issue(LicenseFixtures.businessLicence("H2")).text();
    BufferedImage a = QrImages.render(TEXT, QrImages.Options.defaults());
    BufferedImage b = QrImages.render(other, QrImages.Options.defaults());
    ResultAssertions.assertResult(V.verifyImage(png(a, b)), Indication.INDETERMINATE,
        Reason.AMBIGUOUS_INPUT);
    ResultAssertions.assertPassed(V.verifyImage(png(a)));
    ResultAssertions.assertPassed(V.verifyImage(png(a, a))); // the same code twice
    ResultAssertions.assertResult(V.verifyImage(png(new BufferedImage(50, 50,
        BufferedImage.TYPE_INT_RGB))), Indication.FAILED, Reason.FORMAT_FAILURE);
    assertEquals(Reason.AMBIGUOUS_INPUT.indication(), Indication.INDETERMINATE);
  }
}
