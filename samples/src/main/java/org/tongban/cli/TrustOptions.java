package org.tongban.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.tongban.pki.TrustAnchors;
import org.tongban.pki.TrustPolicy;
import picocli.CommandLine.Option;

/**
 * The trust options of the seal, PDF and OFD {@code verify} commands: {@code --trust} (roots and
 * intermediates) and {@code --trust-as-given} (certificates trusted as they are). With neither,
 * nothing is trusted and verdicts are at most INDETERMINATE (TRUST_NOT_CONFIGURED, exit 3).
 */
final class TrustOptions {
  @Option(names = "--trust", description = "trusted certificates (PEM); self-signed ones are "
      + "roots, the others intermediates")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--trust-as-given", description = "certificates (PEM) trusted as they are, "
      + "without a chain: a signer's own, or a seal maker's")
  List<Path> asGiven = new ArrayList<>();

  /** The trust policy these options describe. */
  TrustPolicy policy() throws Exception {
    SealCommand.Trust t = SealCommand.Trust.read(trust);
    List<X509Certificate> anchors = new ArrayList<>(t.roots());
    for (Path p : asGiven) {
      anchors.addAll(SealCommand.certs(p));
    }
    return anchors.isEmpty() ? TrustPolicy.none()
        : TrustPolicy.builder(TrustAnchors.of(anchors)).intermediates(t.intermediates()).build();
  }
}
