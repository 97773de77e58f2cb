/**
 * Tongban core: SM2/SM3, RSA and ECDSA signatures, keys and certificates, trust (path
 * validation, revocation), the one verification result for tokens, seals and licences, the HTTP
 * seam, and unified identity (token verification, the login flow, sessions and single logout).
 *
 * <p>Packages named {@code internal} are not API: they are exported only to the other Tongban
 * modules that share them.
 */
module org.tongban.core {
  // HttpTransports.okHttp(OkHttpClient) takes OkHttp's client: the one third-party type in the
  // API, so a caller that uses it reads okhttp3 through this module.
  requires transitive okhttp3;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires com.nimbusds.jose.jwt;
  // Only TongbanSsoFilter needs the servlet API; a web application brings its own (and reads
  // it itself), so it is optional here. Not transitive: a static transitive dependency would be
  // needed to compile every module that reads this one.
  requires static jakarta.servlet;
  // Only the Redis-backed stores need Lettuce; an app on several nodes adds it.
  requires static lettuce.core;

  exports org.tongban;
  exports org.tongban.crypto;
  exports org.tongban.http;
  exports org.tongban.identity;
  exports org.tongban.identity.redis;
  exports org.tongban.identity.servlet;
  exports org.tongban.io;
  exports org.tongban.keys;
  exports org.tongban.pki;
  exports org.tongban.privacy;
  exports org.tongban.result;

  exports org.tongban.internal.asn1 to org.tongban.seal, org.tongban.license;
  exports org.tongban.internal.crypto to org.tongban.seal, org.tongban.license;
  exports org.tongban.internal.util to org.tongban.seal, org.tongban.license;
}
