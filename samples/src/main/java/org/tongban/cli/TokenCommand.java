package org.tongban.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tongban.crypto.SigningKey;
import org.tongban.http.HttpTransports;
import org.tongban.identity.JsonWebKeys;
import org.tongban.identity.JwksKeySource;
import org.tongban.identity.JwsAlgorithm;
import org.tongban.identity.KeySource;
import org.tongban.identity.ProviderMetadata;
import org.tongban.identity.TokenIssuer;
import org.tongban.identity.TokenVerifier;
import org.tongban.identity.VerifiedToken;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.result.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jwks} and {@code token issue|verify}. */
final class TokenCommand {
  private TokenCommand() {}

  /** A {@code kid} derived from the key: base64url of the first 12 bytes of SHA-256(SPKI). */
  static String defaultKid(PublicKey key) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        java.util.Arrays.copyOf(h, 12));
  }

  @Command(name = "jwks", mixinStandardHelpOptions = true,
      description = {"Print a JWKS with exactly one key per --cert file: the key of the file's "
          + "first certificate (a file holding a chain publishes its leaf only).",
          "RSA, P-256 and SM2 (as crv SM2)."})
  static final class Jwks implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cert", required = true, arity = "1..*", description = "certificates (PEM)")
    List<Path> certs;

    @Option(names = "--kid", arity = "1..*", description = "key ids, one per --cert in order "
        + "(default: from the key)")
    List<String> kids = new ArrayList<>();

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      if (!kids.isEmpty() && kids.size() != certs.size()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give one --kid "
            + "per --cert: " + certs.size() + " certificate file(s), " + kids.size() + " kid(s)");
      }
      Map<String, PublicKey> keys = new LinkedHashMap<>();
      for (int i = 0; i < certs.size(); i++) {
        PublicKey k = SealCommand.certs(certs.get(i)).get(0).getPublicKey();
        String kid = kids.isEmpty() ? defaultKid(k) : kids.get(i);
        if (keys.put(kid, k) != null) {
          throw new IllegalArgumentException("kid " + kid + " given twice");
        }
      }
      // Already a JSON object: the same output with or without --json.
      spec.commandLine().getOut().println(JsonWebKeys.publish(keys));
      return Main.EXIT_OK;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = "Tokens of the unified identity platform: issue (platform side), verify.",
      subcommands = {Issue.class, Verify.class})
  static final class Token {}

  enum Type { id, access, logout }

  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = {"Issue a signed token (SM2SM3, RS256 or ES256 by the key) and print it.",
          "The matching JWKS: jwks --cert with the key's certificate and the same --kid."})
  static final class Issue implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "signing key (PEM, or PKCS#12 "
        + "with --password-file)")
    Path key;

    @Option(names = "--kid", required = true, description = "key id")
    String kid;

    @Option(names = "--iss", required = true, description = "issuer")
    String iss;

    @Option(names = "--sub", required = true, description = "subject")
    String sub;

    @Option(names = "--aud", required = true, description = "audience (client id / resource)")
    String aud;

    @Option(names = "--ttl", defaultValue = "300", description = "lifetime in s (default 300)")
    long ttl;

    @Option(names = "--type", defaultValue = "id", description = "id (default), access, logout")
    Type type;

    @Option(names = "--claims", description = "more claims, a JSON object")
    String claims;

    @Option(names = "--password-file", description = "PKCS#12 password (its first line)")
    Path passwordFile;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      PrivateKey pk = KeyFiles.read(key, Optional.ofNullable(passwordFile)).key();
      SigningKey signing = SigningKeys.of(pk, List.of());
      TokenIssuer issuer = TokenIssuer.builder(iss, signing, KeyPairs.publicKeyOf(pk),
        kid).build();
      Map<String, Object> extra = claims == null ? Map.of()
          : com.nimbusds.jose.util.JSONObjectUtils.parse(claims);
      String token = switch (type) {
        case id -> issuer.idToken(sub, aud, Duration.ofSeconds(ttl), extra);
        case access -> issuer.accessToken(sub, aud, aud, Duration.ofSeconds(ttl), extra);
        case logout -> extra.get("sid") instanceof String sid
            ? issuer.logoutToken(aud, sub, sid) : issuer.subjectLogoutToken(aud, sub);
      };
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("type", type.name());
      json.put("kid", kid);
      json.put("token", token);
      common.done(spec, token, json);
      return Main.EXIT_OK;
    }
  }

  /**
   * Reads the token from stdin, all of it: surrounding whitespace is dropped, but input over
   * the token limit or holding more than one word is refused, never cut short.
   */
  static String stdinToken() throws java.io.IOException {
    byte[] in = System.in.readNBytes(org.tongban.io.Limits.MAX_TOKEN_BYTES + 1);
    if (in.length > org.tongban.io.Limits.MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException("the token on stdin is longer than "
          + org.tongban.io.Limits.MAX_TOKEN_BYTES + " bytes");
    }
    String t = new String(in, StandardCharsets.US_ASCII).strip();
    if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(t.isEmpty() ? "no token on stdin"
          : "stdin holds more than one token");
    }
    return t;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify a token (from --token or stdin).",
          "Algorithms are pinned to RS256, PS256, ES256 and SM2SM3 (or --alg); never HS*/none.",
          "Exit 0 PASSED, 1 FAILED, 3 INDETERMINATE."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--jwks", description = "the issuer's JWKS: a file or an http(s) URL")
    String jwks;

    @Option(names = "--discovery", description = "the issuer URL, for OIDC discovery")
    URI discovery;

    @Option(names = "--iss", required = true, description = "issuer")
    String iss;

    @Option(names = "--aud", required = true, description = "this client id (or resource)")
    String aud;

    @Option(names = "--type", defaultValue = "id", description = "id (default), access, logout")
    Type type;

    @Option(names = "--token", description = "the token; stdin when absent")
    String token;

    @Option(names = "--nonce", description = "the nonce the login sent (ID tokens)")
    String nonce;

    @Option(names = "--alg", split = ",", description = "pinned algorithms (default "
        + "RS256,PS256,ES256,SM2SM3)")
    List<String> algs = new ArrayList<>(List.of("RS256", "PS256", "ES256", "SM2SM3"));

    @Option(names = "--platform-access", description = "also accept the platform's own typ "
        + "JWT access tokens (Keycloak)")
    boolean platformAccess;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      if ((jwks == null) == (discovery == null)) {
        throw new IllegalArgumentException("give --jwks or --discovery");
      }
      KeySource keys;
      if (discovery != null) {
        ProviderMetadata m = ProviderMetadata.discover(discovery, HttpTransports.okHttp());
        keys = JwksKeySource.builder(m.jwksUri()).build();
      } else if (jwks.startsWith("http://") || jwks.startsWith("https://")) {
        keys = JwksKeySource.builder(URI.create(jwks)).build();
      } else {
        keys = KeySource.of(JsonWebKeys.parse(Files2.readText(Path.of(jwks))));
      }
      List<JwsAlgorithm> pinned = new ArrayList<>();
      for (String a : algs) {
        pinned.add(switch (a) {
          case "RS256" -> JwsAlgorithm.RS256;
          case "PS256" -> JwsAlgorithm.PS256;
          case "ES256" -> JwsAlgorithm.ES256;
          case "SM2SM3" -> JwsAlgorithm.SM2SM3;
          default -> throw new IllegalArgumentException("--alg " + a + " is not supported");
        });
      }
      TokenVerifier.Builder b = TokenVerifier.builder(iss, aud, keys)
          .algorithms(pinned.toArray(new JwsAlgorithm[0]));
      if (platformAccess) {
        b.acceptPlatformAccessTokens();
      }
      TokenVerifier v = b.build();
      String t = token != null ? token : stdinToken();
      VerificationResult<VerifiedToken> r = switch (type) {
        case id -> nonce != null ? v.verifyIdToken(t, nonce) : v.verifyIdToken(t);
        case access -> v.verifyAccessToken(t);
        case logout -> v.verifyLogoutToken(t);
      };
      Map<String, Object> extra = new LinkedHashMap<>();
      r.verified().ifPresent(vt -> {
        extra.put("kind", vt.kind().name());
        vt.subject().ifPresent(s -> extra.put("sub", s));
        vt.sessionId().ifPresent(s -> extra.put("sid", s));
        vt.expiresAt().ifPresent(e -> extra.put("exp", e.toString()));
        extra.put("alg", vt.jws().algorithm().name());
      });
      PrintWriter out = spec.commandLine().getOut();
      ResultPrinter.print(out, r, common.json, extra);
      return ResultPrinter.exitCode(r);
    }
  }
}
