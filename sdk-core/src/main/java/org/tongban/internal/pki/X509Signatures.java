package org.tongban.internal.pki;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.tongban.SignatureInvalidException;
import org.tongban.UnsupportedAlgorithmException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.internal.crypto.EcCurves;
import org.tongban.internal.crypto.EcSignatureCodec;

/**
 * Signatures inside X.509 certificates and CRLs: the algorithm identifiers Tongban writes, and
 * the mapping from an identifier to a {@link VerificationKey} of the issuer. SM2 signatures in
 * certificates use the default distinguishing ID (GM/T 0015-2012) and DER.
 */
public final class X509Signatures {
  private static final String SM2_OID = "1.2.156.10197.1.501";

  private X509Signatures() {}

  /**
   * Returns the AlgorithmIdentifier written for a signing key's algorithm.
   *
   * @param alg the algorithm
   * @param params the parameters (PSS salt length)
   * @return the identifier
   */
  public static AlgorithmIdentifier algorithmIdentifier(SignatureAlgorithm alg,
      SignatureParameters params) {
    if (alg == SignatureAlgorithm.RSA_PKCS1_SHA256) {
      return new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
          DERNull.INSTANCE);
    }
    if (alg == SignatureAlgorithm.RSA_PSS_SHA256) {
      AlgorithmIdentifier sha256 =
          new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
      return new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(
          sha256, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256),
          new org.bouncycastle.asn1.ASN1Integer(params.pssSaltLength()),
          RSASSAPSSparams.DEFAULT_TRAILER_FIELD));
    }
    // SM2 and ECDSA: the OID alone, no parameters (RFC 5758 §3.2, GM/T 0015).
    return new AlgorithmIdentifier(new ASN1ObjectIdentifier(alg.oid()));
  }

  /**
   * Returns a BouncyCastle ContentSigner that signs with any {@link SigningKey} (an HSM key
   * included), producing DER for SM2 and ECDSA.
   *
   * @param key the key
   * @return the signer
   */
  public static ContentSigner contentSigner(SigningKey key) {
    SignatureAlgorithm alg = key.algorithm();
    if (alg == SignatureAlgorithm.SM2_SM3 && !Arrays.equals(key.parameters().distinguishingId(),
        SignatureParameters.DEFAULT_DISTINGUISHING_ID.getBytes(
            java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(
          "certificates and CRLs are signed with the default SM2 distinguishing ID");
    }
    AlgorithmIdentifier id = algorithmIdentifier(alg, key.parameters());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    return new ContentSigner() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return id;
      }

      @Override
      public OutputStream getOutputStream() {
        return buf;
      }

      @Override
      public byte[] getSignature() {
        byte[] sig = key.sign(buf.toByteArray());
        if (alg.keyType() != KeyType.RSA
            && key.parameters().encoding() == SignatureEncoding.RAW_R_S) {
          int fieldBytes = (EcCurves.domain(alg.keyType()).getCurve().getFieldSize() + 7) / 8;
          sig = EcSignatureCodec.convert(sig, SignatureEncoding.RAW_R_S, SignatureEncoding.DER,
              fieldBytes);
          if (sig == null) {
            throw new org.tongban.SigningException("signing key returned a malformed signature");
          }
        }
        return sig;
      }
    };
  }

  /**
   * Verifies a certificate's or CRL's signature with the issuer's public key.
   *
   * @param sigAlgOid the signature algorithm OID of the signed object
   * @param sigAlgParams the DER of its parameters, or null
   * @param issuerKey the issuer's public key
   * @param tbs the signed bytes (TBSCertificate or TBSCertList)
   * @param signature the signature value
   * @throws UnsupportedAlgorithmException if the algorithm is not one Tongban accepts
   * @throws SignatureInvalidException if the signature does not verify
   */
  public static void verify(String sigAlgOid, byte[] sigAlgParams, PublicKey issuerKey,
      byte[] tbs, byte[] signature) {
    SignatureAlgorithm alg = SignatureAlgorithm.forOid(sigAlgOid).orElseThrow(
        () -> new UnsupportedAlgorithmException("signature algorithm " + sigAlgOid
            + " not accepted"));
    SignatureParameters params = SignatureParameters.defaults(alg);
    if (alg == SignatureAlgorithm.RSA_PSS_SHA256) {
      params = pssParams(sigAlgParams);
    } else if (alg.keyType() == KeyType.RSA && sigAlgParams != null
        && !Arrays.equals(sigAlgParams, new byte[] {0x05, 0x00})) {
      throw new UnsupportedAlgorithmException("unexpected RSA algorithm parameters");
    } else if (alg.keyType() != KeyType.RSA && sigAlgParams != null
        && !(sigAlgOid.equals(SM2_OID) && Arrays.equals(sigAlgParams, new byte[] {0x05, 0x00}))) {
      throw new UnsupportedAlgorithmException("unexpected EC algorithm parameters");
    }
    VerificationKey key;
    try {
      key = VerificationKey.builder(issuerKey).algorithm(alg).parameters(params).build();
    } catch (org.tongban.KeyAccessException e) {
      throw new UnsupportedAlgorithmException(org.tongban.result.Reason.ALGORITHM_MISMATCH,
          "issuer key does not fit " + alg, e);
    }
    key.verify(signature, tbs);
  }

  private static SignatureParameters pssParams(byte[] der) {
    if (der == null) {
      throw new UnsupportedAlgorithmException("RSASSA-PSS without parameters not accepted");
    }
    RSASSAPSSparams p;
    try {
      p = RSASSAPSSparams.getInstance(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der));
    } catch (java.io.IOException | RuntimeException e) {
      throw new UnsupportedAlgorithmException("malformed RSASSA-PSS parameters");
    }
    if (!p.getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
        || !p.getMaskGenAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
        || !AlgorithmIdentifier.getInstance(p.getMaskGenAlgorithm().getParameters())
            .getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
        || p.getTrailerField().intValueExact() != 1) {
      throw new UnsupportedAlgorithmException("only RSASSA-PSS with SHA-256/MGF1-SHA-256");
    }
    return SignatureParameters.rsaPss(p.getSaltLength().intValueExact());
  }
}
