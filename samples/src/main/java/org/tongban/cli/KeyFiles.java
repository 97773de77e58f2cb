package org.tongban.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.tongban.keys.Pem;
import org.tongban.keys.SigningKeys;

/**
 * Reads the private key a command signs with: a PEM file (PKCS#8, SEC1 or PKCS#1), or a PKCS#12
 * file whose password is the first line of {@code --password-file} (never on the command line,
 * where {@code ps} and the shell history would show it).
 */
final class KeyFiles {
  private KeyFiles() {}

  /** A private key and the certificates that came with it (PKCS#12), leaf first. */
  record Loaded(PrivateKey key, List<X509Certificate> chain) {}

  static Loaded read(Path key, Optional<Path> passwordFile) throws Exception {
    byte[] bytes = Files2.read(key, Files2.MAX_SMALL_BYTES);
    if (looksLikePem(bytes)) {
      if (passwordFile.isPresent()) {
        throw new IllegalArgumentException("--password-file is for PKCS#12 keys; " + key
            + " is PEM");
      }
      return new Loaded(Pem.readPrivateKey(new String(bytes, StandardCharsets.UTF_8)),
          List.of());
    }
    if (passwordFile.isEmpty()) {
      throw new IllegalArgumentException(key + " is not PEM; for a PKCS#12 key (.p12, .pfx) "
          + "give --password-file FILE (the password on its first line)");
    }
    char[] password = password(passwordFile.get());
    SigningKeys.KeyEntry e = SigningKeys.readPkcs12(key, password);
    java.util.Arrays.fill(password, '\0');
    return new Loaded(e.privateKey(), e.chain());
  }

  /**
   * The certificate chain for a signing key: from {@code --cert} when given, else the chain a
   * PKCS#12 key came with.
   */
  static List<X509Certificate> chain(Loaded loaded, Optional<Path> cert) throws Exception {
    if (cert.isPresent()) {
      return SealCommand.certs(cert.get());
    }
    if (loaded.chain().isEmpty()) {
      throw new IllegalArgumentException("give --cert (a PEM key carries no certificate)");
    }
    return loaded.chain();
  }

  /** The password: the first line of the file, without its line end. */
  static char[] password(Path file) throws Exception {
    String text = Files2.readText(file);
    int eol = text.indexOf('\n');
    String line = eol < 0 ? text : text.substring(0, eol);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.toCharArray();
  }

  private static boolean looksLikePem(byte[] b) {
    int i = 0;
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      i = 3; // UTF-8 byte order mark
    }
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return new String(b, i, Math.min(b.length - i, 10), StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN");
  }
}
