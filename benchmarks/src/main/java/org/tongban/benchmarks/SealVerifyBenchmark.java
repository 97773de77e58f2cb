package org.tongban.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.pki.TrustPolicy;
import org.tongban.seal.DataSealer;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Verifying a v4 {@code SES_Signature} (SM2) over a 4 KiB document with {@link SealVerifier}
 * against the baseline of the two raw SM2 verifications it contains (BouncyCastle
 * {@code SM2Signer}, keys and signers prepared once), same run. {@code tongbanVerify} checks
 * everything but the certificate chains (which the baseline does not do either);
 * {@code tongbanVerifyWithChains} adds both chain validations.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SealVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealVerifyBenchmark {
  private byte[] document;
  private byte[] signature;
  private SealVerifier noChains;
  private SealVerifier withChains;
  private SM2Signer makerBaseline;
  private SM2Signer signerBaseline;
  private byte[] makerTbs;
  private byte[] makerSig;
  private byte[] signerTbs;
  private byte[] signerSig;

  /** Makes a PKI, a seal and a signature over a 4 KiB document. */
  @Setup
  public void setUp() {
    document = java.util.Arrays.copyOf("关于开展一网通办试点工作的通知 ".repeat(200)
        .getBytes(StandardCharsets.UTF_8), 4096);
    DemoPki pki = DemoPki.create(KeyType.SM2, "Bench");
    DemoPki.Issued maker = pki.issueLeaf("CN=Maker,C=CN");
    DemoPki.Issued holder = pki.issueLeaf("CN=Holder,C=CN");
    byte[] png = SealPictures.roundSeal("某某市市场监督管理局", 42, 150);
    SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
        .name("基准测试印章").picture(SealPicture.of("PNG", png, 42, 42))
        .validity(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)))
        .holders(List.of(holder.certificate())).build());
    SesSignature sig = DataSealer.builder().build().seal(seal, holder.signingKey(), document,
        "bench");
    signature = sig.encoded();
    // "Without chains": the maker and the signer trusted as given (validity only).
    noChains = SealVerifier.builder(TrustPolicy.trustedAsGiven(List.of(maker.certificate(),
        holder.certificate()))).build();
    withChains = SealVerifier.builder(pki.trustPolicy()).build();
    makerTbs = seal.makerSignedBytes();
    makerSig = seal.signedValue();
    signerTbs = sig.toBeSigned();
    signerSig = sig.signature();
    makerBaseline = signer(maker.certificate());
    signerBaseline = signer(holder.certificate());
    if (!baselineTwoSm2Verifies() || !tongbanVerify() || !tongbanVerifyWithChains()) {
      throw new IllegalStateException("benchmark inputs do not verify");
    }
  }

  static SM2Signer signer(X509Certificate cert) {
    X9ECParameters x9 = CustomNamedCurves.getByName("sm2p256v1");
    ECDomainParameters d = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    ECPublicKey pub = (ECPublicKey) cert.getPublicKey();
    SM2Signer s = new SM2Signer();
    s.init(false, new ParametersWithID(new ECPublicKeyParameters(x9.getCurve().createPoint(
        pub.getW().getAffineX(), pub.getW().getAffineY()), d),
        "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
    return s;
  }

  /**
   * Baseline: the maker's and the signer's SM2 verifications, nothing else.
   *
   * @return the verdict
   */
  @Benchmark
  public boolean baselineTwoSm2Verifies() {
    makerBaseline.update(makerTbs, 0, makerTbs.length);
    boolean a = makerBaseline.verifySignature(makerSig);
    signerBaseline.update(signerTbs, 0, signerTbs.length);
    return a & signerBaseline.verifySignature(signerSig);
  }

  /**
   * Tongban: parse strictly, both signatures, data hash, holder, seal validity.
   *
   * @return the verdict
   */
  @Benchmark
  public boolean tongbanVerify() {
    return noChains.verify(signature, document).isValid();
  }

  /**
   * Tongban with both certificate chains validated against the trust anchors.
   *
   * @return the verdict
   */
  @Benchmark
  public boolean tongbanVerifyWithChains() {
    return withChains.verify(signature, document).isValid();
  }
}
