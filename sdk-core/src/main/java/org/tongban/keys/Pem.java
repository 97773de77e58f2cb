package org.tongban.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.tongban.KeyAccessException;
import org.tongban.MalformedInputException;
import org.tongban.internal.crypto.Bc;
import org.tongban.internal.util.BoundedCache;
import org.tongban.result.Reason;

/**
 * Reads and writes keys and certificates in the PEM and DER forms OpenSSL uses.
 *
 * <p>Reads: PKCS#8 {@code PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE
 * KEY}, {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code CERTIFICATE} (X.509 PEM, or DER), and
 * {@code X509 CRL}. SM2 keys (curve OID 1.2.156.10197.1.301) and SM2 certificates (signature OID
 * 1.2.156.10197.1.501) are read like any other. Rejects: input over {@link #MAX_PEM_BYTES},
 * encrypted private keys (decrypt with OpenSSL first or use PKCS#12), and blocks of the wrong
 * kind.
 *
 * <p>Writes: PKCS#8 and SEC1 private keys, SubjectPublicKeyInfo public keys, certificates, CRLs.
 *
 * @since 0.1
 */
public final class Pem {
  /** The largest PEM or DER input accepted: 1 MiB. */
  public static final int MAX_PEM_BYTES = 1 << 20;
  // Certificates already parsed strictly, by their exact DER (immutable, shared).
  private static final BoundedCache<ByteBuffer, X509Certificate> PARSED =
      new BoundedCache<>(512);

  private Pem() {}

  /**
   * Reads the first private key in a PEM text.
   *
   * @param pem the PEM text
   * @return the key
   * @throws KeyAccessException if there is no usable unencrypted private key
   */
  public static PrivateKey readPrivateKey(String pem) {
    for (Object o : parseAll(pem)) {
      try {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(Bc.PROVIDER);
        if (o instanceof PrivateKeyInfo) {
          return conv.getPrivateKey((PrivateKeyInfo) o);
        }
        if (o instanceof PEMKeyPair) {
          return conv.getKeyPair((PEMKeyPair) o).getPrivate();
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new KeyAccessException("encrypted private keys are not supported in PEM");
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof KeyAccessException) {
          throw (KeyAccessException) e;
        }
        throw new KeyAccessException("unreadable private key", e);
      }
    }
    throw new KeyAccessException("no private key in PEM input");
  }

  /**
   * Reads the first public key in a PEM text: a {@code PUBLIC KEY} block, or the key of the
   * first certificate.
   *
   * @param pem the PEM text
   * @return the key
   * @throws KeyAccessException if there is none
   */
  public static PublicKey readPublicKey(String pem) {
    for (Object o : parseAll(pem)) {
      try {
        if (o instanceof SubjectPublicKeyInfo) {
          return new JcaPEMKeyConverter().setProvider(Bc.PROVIDER)
              .getPublicKey((SubjectPublicKeyInfo) o);
        }
        if (o instanceof X509CertificateHolder) {
          return toCertificate(((X509CertificateHolder) o).getEncoded()).getPublicKey();
        }
      } catch (IOException | RuntimeException e) {
        throw new KeyAccessException("unreadable public key", e);
      }
    }
    throw new KeyAccessException("no public key in PEM input");
  }

  /**
   * Reads every certificate in a PEM text, in order.
   *
   * @param pem the PEM text
   * @return the certificates, possibly empty
   * @throws MalformedInputException if a certificate block is malformed
   */
  public static List<X509Certificate> readCertificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    for (Object o : parseAll(pem)) {
      if (o instanceof X509CertificateHolder) {
        try {
          out.add(toCertificate(((X509CertificateHolder) o).getEncoded()));
        } catch (IOException e) {
          throw new MalformedInputException("unreadable certificate", e);
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Reads one certificate from PEM or DER bytes.
   *
   * @param bytes PEM text or DER
   * @return the certificate
   * @throws MalformedInputException if there is no well-formed certificate
   */
  public static X509Certificate readCertificate(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    checkSize(bytes.length);
    if (bytes.length > 0 && bytes[0] == 0x30) {
      return toCertificate(bytes);
    }
    List<X509Certificate> certs = readCertificates(new String(bytes, StandardCharsets.US_ASCII));
    if (certs.isEmpty()) {
      throw new MalformedInputException("no certificate in input");
    }
    return certs.get(0);
  }

  /**
   * Decodes a DER certificate with the BouncyCastle provider instance, so that SM2 keys come
   * out as usable EC keys. The bytes must be DER exactly as received (re-encoding gives the same
   * bytes): a BER variant of a signed certificate — a BOOLEAN TRUE as 0x01, a long-form length —
   * is a different byte string with the same meaning, and where certificates travel outside a
   * signature (a v4 seal's signer certificate) it would let them be changed unseen.
   *
   * @param der the DER bytes
   * @return the certificate
   * @throws MalformedInputException if malformed or not DER
   */
  public static X509Certificate toCertificate(byte[] der) {
    Objects.requireNonNull(der, "der");
    checkSize(der.length);
    // The same bytes parse to the same certificate: signers and seal makers recur in every
    // document they sign, and a strict parse costs two parses and a re-encoding.
    X509Certificate known = PARSED.get(ByteBuffer.wrap(der)).orElse(null);
    if (known != null) {
      return known;
    }
    X509Certificate c = parseCertificate(der);
    PARSED.put(ByteBuffer.wrap(der.clone()), c);
    return c;
  }

  private static X509Certificate parseCertificate(byte[] der) {
    org.bouncycastle.asn1.ASN1Primitive strict;
    try {
      strict = org.tongban.internal.asn1.Der.decode(der, MAX_PEM_BYTES,
          org.tongban.io.Limits.MAX_ASN1_DEPTH);
    } catch (MalformedInputException e) {
      throw new MalformedInputException(e.reason(), "certificate: " + e.getMessage(), e);
    }
    try {
      // The structure of the value already parsed strictly, before the provider sees it.
      org.bouncycastle.asn1.x509.Certificate.getInstance(strict);
      CertificateFactory cf = CertificateFactory.getInstance("X.509", Bc.PROVIDER);
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedInputException("malformed certificate", e);
    }
  }

  /**
   * Reads a CRL from PEM or DER bytes.
   *
   * @param bytes PEM text or DER
   * @param maxBytes the size limit
   * @return the CRL
   * @throws MalformedInputException if malformed or larger than {@code maxBytes}
   */
  public static X509CRL readCrl(byte[] bytes, int maxBytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > maxBytes) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
          "CRL larger than " + maxBytes + " bytes", null);
    }
    byte[] der = bytes;
    if (bytes.length > 0 && bytes[0] != 0x30) {
      der = null;
      for (Object o : parseAll(new String(bytes, StandardCharsets.US_ASCII))) {
        if (o instanceof X509CRLHolder) {
          try {
            der = ((X509CRLHolder) o).getEncoded();
          } catch (IOException e) {
            throw new MalformedInputException("malformed CRL", e);
          }
          break;
        }
      }
      if (der == null) {
        throw new MalformedInputException("no CRL in input");
      }
    }
    try {
      new X509CRLHolder(der);
      CertificateFactory cf = CertificateFactory.getInstance("X.509", Bc.PROVIDER);
      Collection<? extends java.security.cert.CRL> crls =
          cf.generateCRLs(new ByteArrayInputStream(der));
      if (crls.size() != 1) {
        throw new MalformedInputException("expected exactly one CRL");
      }
      return (X509CRL) crls.iterator().next();
    } catch (IOException | CertificateException | java.security.cert.CRLException
        | RuntimeException e) {
      if (e instanceof MalformedInputException) {
        throw (MalformedInputException) e;
      }
      throw new MalformedInputException("malformed CRL", e);
    }
  }

  /**
   * Writes a private key as PKCS#8 PEM ({@code PRIVATE KEY}), the form {@code openssl pkey}
   * reads and writes.
   *
   * @param key the key
   * @return the PEM text
   */
  public static String writePrivateKey(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    byte[] der = key.getEncoded();
    if (der == null) {
      throw new KeyAccessException("the private key is not exportable");
    }
    return block("PRIVATE KEY", der);
  }

  /**
   * Writes an EC or SM2 private key as SEC1 PEM ({@code EC PRIVATE KEY}, RFC 5915).
   *
   * @param key the key
   * @return the PEM text
   */
  public static String writeSec1PrivateKey(ECPrivateKey key) {
    Objects.requireNonNull(key, "key");
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      return block("EC PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded("DER"));
    } catch (IOException | RuntimeException e) {
      throw new KeyAccessException("cannot encode key as SEC1", e);
    }
  }

  /**
   * Writes a public key as SubjectPublicKeyInfo PEM ({@code PUBLIC KEY}).
   *
   * @param key the key
   * @return the PEM text
   */
  public static String writePublicKey(PublicKey key) {
    Objects.requireNonNull(key, "key");
    return block("PUBLIC KEY", key.getEncoded());
  }

  /**
   * Writes certificates as PEM, one block each.
   *
   * @param certificates the certificates
   * @return the PEM text
   */
  public static String writeCertificates(List<X509Certificate> certificates) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certificates) {
      try {
        sb.append(block("CERTIFICATE", c.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new MalformedInputException("cannot encode certificate", e);
      }
    }
    return sb.toString();
  }

  /**
   * Writes one certificate as PEM.
   *
   * @param certificate the certificate
   * @return the PEM text
   */
  public static String writeCertificate(X509Certificate certificate) {
    return writeCertificates(List.of(certificate));
  }

  /**
   * Writes a CRL as PEM.
   *
   * @param crl the CRL
   * @return the PEM text
   */
  public static String writeCrl(X509CRL crl) {
    try {
      return block("X509 CRL", crl.getEncoded());
    } catch (java.security.cert.CRLException e) {
      throw new MalformedInputException("cannot encode CRL", e);
    }
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void checkSize(int n) {
    if (n > MAX_PEM_BYTES) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
          "input larger than " + MAX_PEM_BYTES + " bytes", null);
    }
  }

  private static List<Object> parseAll(String pem) {
    Objects.requireNonNull(pem, "pem");
    checkSize(pem.length());
    List<Object> out = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      for (Object o; (o = p.readObject()) != null; ) {
        out.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("malformed PEM", e);
    }
    return out;
  }
}
