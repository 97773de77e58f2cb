package org.tongban.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.pki.TrustPolicy;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.ofd.OfdSealPlacement;
import org.tongban.seal.ofd.OfdSealVerifier;
import org.tongban.seal.ofd.OfdSealer;
import org.tongban.seal.ofd.OfdVerificationReport;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Verifying an SM2 seal on a 1 MB and a 20 MB OFD (one page plus an incompressible scanned-page
 * resource) with {@link OfdSealVerifier}, against the baseline of the same run: inflating every
 * part the seal protects and its {@code Signature.xml} with the JDK's {@code ZipInputStream},
 * SM3 of each (BouncyCastle {@code SM3Digest}), and the maker's and the signer's SM2
 * verifications (BouncyCastle {@code SM2Signer}, keys prepared once) — what any OFD verifier
 * must do. {@code tongbanVerify} trusts the maker and signer as given (the baseline builds no
 * chain either); {@code tongbanVerifyWithChains} adds both chains.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OfdSealVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OfdSealVerifyBenchmark {
  /** Document size in MB. */
  @Param({"1", "20"})
  public int megabytes;

  private byte[] ofd;
  private Set<String> protectedParts;
  private OfdSealVerifier noChains;
  private OfdSealVerifier withChains;
  private SM2Signer makerBaseline;
  private SM2Signer signerBaseline;
  private byte[] makerTbs;
  private byte[] makerSig;
  private byte[] signerTbs;
  private byte[] signerSig;

  /** Makes a PKI, a seal and a sealed OFD of the requested size. */
  @Setup
  public void setUp() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Bench");
    DemoPki.Issued maker = pki.issueLeaf("CN=Maker,C=CN");
    DemoPki.Issued holder = pki.issueLeaf("CN=Holder,C=CN");
    SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
        .name("基准测试印章").picture(SealPicture.of("PNG",
            SealPictures.roundSeal("某某市市场监督管理局", 42, 150), 42, 42))
        .validity(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)))
        .holders(List.of(holder.certificate())).build());
    ofd = OfdSealer.builder().build().seal(document(megabytes * 1_000_000), seal,
        OfdSealPlacement.lastPageBottomRight(), holder.signingKey());
    noChains = OfdSealVerifier.builder(TrustPolicy.trustedAsGiven(List.of(
        maker.certificate(), holder.certificate()))).build();
    withChains = OfdSealVerifier.builder(pki.trustPolicy()).build();
    OfdVerificationReport r = withChains.verify(ofd);
    if (!r.isValid()) {
      throw new IllegalStateException("setup: " + r);
    }
    protectedParts = new HashSet<>(r.signatures().get(0).orElseThrow().protectedParts());
    protectedParts.add("Doc_0/Signs/Sign_0/Signature.xml");
    SesSignature sig = SesSignature.parse(part(ofd, "Doc_0/Signs/Sign_0/SignedValue.dat"));
    makerTbs = sig.seal().makerSignedBytes();
    makerSig = sig.seal().signedValue();
    signerTbs = sig.toBeSigned();
    signerSig = sig.signature();
    makerBaseline = SealVerifyBenchmark.signer(maker.certificate());
    signerBaseline = SealVerifyBenchmark.signer(holder.certificate());
    if (!baselineDigestsAndTwoSm2Verifies() || !tongbanVerify()) {
      throw new IllegalStateException("benchmark inputs do not verify");
    }
  }

  private static byte[] document(int size) {
    String ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
    byte[] scan = new byte[size];
    new java.util.Random(42).nextBytes(scan); // incompressible, like a scanned page
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 65536);
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      put(z, "OFD.xml", ("<ofd:OFD " + ns + " Version=\"1.0\"><ofd:DocBody><ofd:DocRoot>"
          + "Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>").getBytes(
              StandardCharsets.UTF_8));
      put(z, "Doc_0/Document.xml", ("<ofd:Document " + ns + "><ofd:CommonData><ofd:PageArea>"
          + "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
          + "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages>"
          + "</ofd:Document>").getBytes(StandardCharsets.UTF_8));
      put(z, "Doc_0/Pages/Page_0/Content.xml", ("<ofd:Page " + ns + "><ofd:Content><ofd:Layer "
          + "ID=\"2\"><ofd:ImageObject ID=\"3\" Boundary=\"0 0 210 297\" ResourceID=\"4\"/>"
          + "</ofd:Layer></ofd:Content></ofd:Page>").getBytes(StandardCharsets.UTF_8));
      put(z, "Doc_0/Res/scan.png", scan);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(data);
  }

  private static byte[] part(byte[] ofd, String name) {
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(ofd))) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.getName().equals(name)) {
          return z.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no " + name);
  }

  /**
   * Baseline: inflate and SM3 every protected part and {@code Signature.xml}, then the maker's
   * and the signer's SM2 verifications.
   *
   * @return the verdict of the two signatures
   */
  @Benchmark
  public boolean baselineDigestsAndTwoSm2Verifies() {
    byte[] buf = new byte[64 * 1024];
    byte[] out = new byte[32];
    int parts = 0;
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(ofd))) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (!protectedParts.contains(e.getName())) {
          continue;
        }
        SM3Digest d = new SM3Digest();
        for (int n; (n = z.read(buf)) > 0; ) {
          d.update(buf, 0, n);
        }
        d.doFinal(out, 0);
        parts++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    makerBaseline.update(makerTbs, 0, makerTbs.length);
    boolean a = makerBaseline.verifySignature(makerSig);
    signerBaseline.update(signerTbs, 0, signerTbs.length);
    return a & signerBaseline.verifySignature(signerSig) & parts == protectedParts.size();
  }

  /**
   * Tongban: the package read defensively, every reference, the SES checks, the seal file and
   * the coverage, maker and signer trusted as given.
   *
   * @return the verdict
   */
  @Benchmark
  public boolean tongbanVerify() {
    return noChains.verify(ofd).isValid();
  }

  /**
   * Tongban with both certificate chains validated against the trust anchors.
   *
   * @return the verdict
   */
  @Benchmark
  public boolean tongbanVerifyWithChains() {
    return withChains.verify(ofd).isValid();
  }
}
