package org.tongban.seal.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.tongban.MalformedInputException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.internal.asn1.Der;
import org.tongban.internal.crypto.Bc;
import org.tongban.io.Limits;
import org.tongban.keys.Pem;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * RFC 3161 time stamps over a seal signature value: the message imprint must be SM3 or SHA-256
 * of the signature value, the token's CMS signature must verify with the TSA certificate it
 * carries (which must have the critical timeStamping extended key usage and be valid at the
 * time stamped), and that certificate must chain to the trust anchors.
 */
public final class TimeStamps {
  private static final int MAX_TOKEN_BYTES = 64 * 1024;

  private TimeStamps() {}

  /**
   * The outcome.
   *
   * @param ok whether the time stamp verified
   * @param time the time stamped, when ok
   * @param reason the reason, when not ok
   * @param detail a short detail
   */
  public record Result(boolean ok, Instant time, Reason reason, String detail) {}

  /**
   * Verifies a time stamp token.
   *
   * @param token the DER TimeStampToken
   * @param signatureValue the signature value it must cover
   * @param trust what is trusted: the TSA's certificate must chain to it, in the
   *     time-stamp-authority role, at the time stamped
   * @return the outcome
   */
  @SuppressWarnings("unchecked")
  public static Result verify(byte[] token, byte[] signatureValue, TrustPolicy trust) {
    TimeStampToken tst;
    try {
      // Time stamp tokens are CMS, often BER: bound them, then let BouncyCastle parse.
      Der.checkBer(token, MAX_TOKEN_BYTES, Limits.MAX_ASN1_DEPTH);
      tst = new TimeStampToken(new CMSSignedData(token));
    } catch (MalformedInputException e) {
      return new Result(false, null, e.reason(), "time stamp: " + e.getMessage());
    } catch (Exception e) {
      return new Result(false, null, Reason.FORMAT_FAILURE, "not an RFC 3161 time stamp token");
    }
    String imprintOid = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
    DigestAlgorithm alg = imprintOid.equals(DigestAlgorithm.SM3.oid()) ? DigestAlgorithm.SM3
        : imprintOid.equals(DigestAlgorithm.SHA256.oid()) ? DigestAlgorithm.SHA256 : null;
    if (alg == null) {
      return new Result(false, null, Reason.ALGORITHM_NOT_ALLOWED, "imprint " + imprintOid);
    }
    if (!java.security.MessageDigest.isEqual(alg.digest(signatureValue),
        tst.getTimeStampInfo().getMessageImprintDigest())) {
      return new Result(false, null, Reason.HASH_FAILURE,
          "the time stamp does not cover this signature value");
    }
    Collection<X509CertificateHolder> certs = tst.getCertificates()
        .getMatches((Selector<X509CertificateHolder>) (Selector<?>) tst.getSID());
    if (certs.isEmpty()) {
      return new Result(false, null, Reason.NO_CERTIFICATE_CHAIN_FOUND,
          "the time stamp carries no TSA certificate");
    }
    X509CertificateHolder holder = certs.iterator().next();
    Instant genTime = tst.getTimeStampInfo().getGenTime().toInstant();
    try {
      tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER)
          .build(holder));
    } catch (TSPValidationException e) {
      return new Result(false, null, Reason.KEY_USAGE_INVALID,
          "TSA certificate not valid for time stamping at " + genTime);
    } catch (Exception e) {
      return new Result(false, null, Reason.SIG_CRYPTO_FAILURE,
          "the time stamp's signature does not verify");
    }
    {
      X509Certificate tsa;
      try {
        tsa = Pem.toCertificate(holder.getEncoded());
      } catch (Exception e) {
        return new Result(false, null, Reason.FORMAT_FAILURE, "malformed TSA certificate");
      }
      List<X509Certificate> chain = new java.util.ArrayList<>();
      chain.add(tsa);
      for (Object o : tst.getCertificates().getMatches(null)) {
        try {
          chain.add(Pem.toCertificate(((X509CertificateHolder) o).getEncoded()));
        } catch (Exception e) {
          return new Result(false, null, Reason.FORMAT_FAILURE, "malformed certificate in the "
              + "time stamp");
        }
      }
      VerificationResult<CertificatePath> c = trust.validate(
          TrustPolicy.Role.TIME_STAMP_AUTHORITY, chain, genTime);
      if (!c.isValid()) {
        return new Result(false, null, c.reason().orElseThrow(), "TSA certificate chain");
      }
    }
    return new Result(true, genTime, null, "");
  }
}
