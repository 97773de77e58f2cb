package org.tongban.seal.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.internal.crypto.Bc;
import org.tongban.pki.DemoPki;
import org.tongban.seal.internal.Cms;

class CmsSlicesTest {
  private static final DemoPki PKI = DemoPki.create(KeyType.RSA, "Slices");
  private static final DemoPki.Issued SIGNER = PKI.issueLeaf("CN=S,C=CN");

  private static byte[] ours() throws Exception {
    byte[] attrs = Cms.signedAttributes(DigestAlgorithm.SHA256, new byte[32],
        Optional.of(Instant.EPOCH), SIGNER.certificate());
    return Cms.signedData(SignatureAlgorithm.RSA_PKCS1_SHA256, DigestAlgorithm.SHA256, attrs,
        SIGNER.signingKey().sign(attrs), SIGNER.signingKey().certificateChain());
  }

  @Test
  void derCms_isSliced_exactlyAsEmbedded() throws Exception {
    byte[] cms = ours();
    CmsSlices.Slices s = CmsSlices.read(cms).orElseThrow();
    assertArrayEquals(SIGNER.certificate().getEncoded(), s.signer());
    assertEquals(SIGNER.signingKey().certificateChain().size() - 1, s.others().size());
    assertEquals(0x31, s.signedAttributes()[0]);
    assertArrayEquals(Cms.signedAttributes(DigestAlgorithm.SHA256, new byte[32],
        Optional.of(Instant.EPOCH), SIGNER.certificate()), s.signedAttributes());
    assertEquals(0x06, s.digestAlgorithm()[0]);
    assertEquals(0x06, s.signatureAlgorithm()[0]);
  }

  @Test
  void berCms_fromBouncyCastle_isLeftToTheGeneralReader() throws Exception {
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
        .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER)
            .build(SIGNER.privateKey()), SIGNER.certificate()));
    gen.addCertificates(new JcaCertStore(List.of(SIGNER.certificate())));
    byte[] ber = gen.generate(new CMSProcessableByteArray(new byte[] {1}), false).getEncoded();
    assertFalse(CmsSlices.read(ber).isPresent());
  }

  @Test
  void everyTruncationAndEveryFlippedByte_neverThrows() throws Exception {
    byte[] cms = ours();
    for (int n = 0; n < cms.length; n += 7) {
      assertFalse(CmsSlices.read(java.util.Arrays.copyOf(cms, n)).isPresent(), "cut at " + n);
    }
    for (int i = 0; i < cms.length; i += 3) {
      byte[] bad = cms.clone();
      bad[i] ^= (byte) 0xff;
      CmsSlices.read(bad); // must not throw
    }
  }

  @Test
  void aSignerIdNamingNoEmbeddedCertificate_isLeftToTheGeneralReader() throws Exception {
    byte[] cms = ours();
    // The signer's serial number inside the SignerInfo (the last INTEGER before the digest
    // algorithm) is changed: no certificate matches byte for byte.
    byte[] serial = SIGNER.certificate().getSerialNumber().toByteArray();
    int at = lastIndexOf(cms, serial);
    cms[at + serial.length - 1] ^= 1;
    assertFalse(CmsSlices.read(cms).isPresent());
  }

  private static int lastIndexOf(byte[] hay, byte[] needle) {
    for (int i = hay.length - needle.length; i >= 0; i--) {
      if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
