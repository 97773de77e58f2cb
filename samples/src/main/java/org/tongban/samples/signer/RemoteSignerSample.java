package org.tongban.samples.signer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tongban.SigningException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransports;
import org.tongban.pki.DemoPki;
import org.tongban.result.VerificationResult;
import org.tongban.samples.Proof;
import org.tongban.seal.DataSealer;
import org.tongban.seal.PreparedSealSignature;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.VerifiedSeal;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Plugging in an external signer: the private key lives in a signing service (standing in for
 * an HSM, a USB key or a cloud KMS) and Tongban only ever sees signatures. The sample runs a
 * tiny signing service on 127.0.0.1 and seals a document through it, first with a
 * {@link SigningKey} adapter, then with the explicit three-step flow.
 */
public final class RemoteSignerSample {
  /** What the sample proves when it ends with exit code 0. */
  public static final String PROVES =
      "a remote signing service seals a document both through the SigningKey "
      + "adapter and through the three explicit steps, and both seals verify";

  private RemoteSignerSample() {}

  /**
   * A {@link SigningKey} whose {@code sign} is an HTTP call: POST the message, get the DER
   * signature back. Everything else (algorithm, parameters, certificate) is known locally.
   */
  static final class RemoteSigningKey implements SigningKey {
    private final URI endpoint;
    private final List<X509Certificate> chain;
    private final HttpTransport transport;

    RemoteSigningKey(URI endpoint, List<X509Certificate> chain, HttpTransport transport) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      this.chain = List.copyOf(chain);
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    @Override
    public SignatureAlgorithm algorithm() {
      return SignatureAlgorithm.SM2_SM3;
    }

    @Override
    public SignatureParameters parameters() {
      return SignatureParameters.defaults(SignatureAlgorithm.SM2_SM3);
    }

    @Override
    public Optional<String> keyId() {
      return Optional.of("remote-seal-key");
    }

    @Override
    public List<X509Certificate> certificateChain() {
      return chain;
    }

    @Override
    public byte[] sign(byte[] message) {
      HttpResponse r = transport.send(HttpRequest.post(endpoint, "application/octet-stream",
          message), HttpLimits.defaults().withMaxBodyBytes(1024));
      if (!r.isSuccessful()) {
        throw new SigningException("signing service answered HTTP " + r.status());
      }
      return r.body();
    }

    @Override
    public String toString() {
      return "RemoteSigningKey{" + endpoint.getHost() + ", SM2_SM3}";
    }
  }

  /** The stand-in signing service: holds the private key, signs what it is sent. */
  static HttpServer startSigningService(SigningKey key) throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/sign", ex -> {
      byte[] message = ex.getRequestBody().readNBytes(1 << 20);
      byte[] sig = key.sign(message);
      ex.sendResponseHeaders(200, sig.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(sig);
      }
    });
    server.start();
    return server;
  }

  /**
   * Runs the sample.
   *
   * @return true if both signatures verified
   * @throws IOException if the service cannot start
   */
  public static boolean run() throws IOException {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Remote signer");
    DemoPki.Issued maker = pki.issueLeaf("CN=制章中心,C=CN");
    DemoPki.Issued dept = pki.issueLeaf("CN=某某局,C=CN");
    HttpServer service = startSigningService(dept.signingKey());
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/sign");
      SigningKey remote = new RemoteSigningKey(endpoint, dept.chain(), HttpTransports.okHttp());
      byte[] png = SealPictures.roundSeal("某某局", 40, 150);
      SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
          .name("某某局公章").picture(SealPicture.of("PNG", png, 40, 40))
          .validity(java.time.Instant.now(), java.time.Instant.now().plusSeconds(86400))
          .holders(List.of(dept.certificate())).build());
      byte[] document = "远程签名服务盖章".getBytes(StandardCharsets.UTF_8);
      SealVerifier verifier = SealVerifier.builder(pki.trustPolicy()).build();

      // 1. The adapter: DataSealer calls remote.sign(...) like any other key.
      SesSignature one = DataSealer.builder().build().seal(seal, remote, document, "adapter.txt");

      // 2. The explicit three steps, for signers that work asynchronously (approval flows).
      DataSealer sealer = DataSealer.builder().build();
      PreparedSealSignature prepared = sealer.prepare(seal, dept.certificate(), document,
          "three-step.txt");
      byte[] value = remote.sign(prepared.toBeSigned()); // could happen hours later elsewhere
      SesSignature two = sealer.complete(prepared, value);

      VerificationResult<VerifiedSeal> r1 = verifier.verify(one.encoded(), document);
      VerificationResult<VerifiedSeal> r2 = verifier.verify(two.encoded(), document);
      System.out.println("adapter: " + r1.indication() + ", three-step: " + r2.indication());
      return r1.isValid() && r2.isValid();
    } finally {
      service.stop(0);
    }
  }

  /**
   * Runs the sample and says what it proved:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.signer.RemoteSignerSample}.
   *
   * @param args none
   * @throws IOException if it cannot run
   */
  public static void main(String[] args) throws IOException {
    System.exit(Proof.report(run(), PROVES));
  }
}
