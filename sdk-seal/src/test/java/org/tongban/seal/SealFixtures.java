package org.tongban.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesVersion;

/** A PKI with a seal maker and a holder, and a seal picture, per key type. */
final class SealFixtures {
  final DemoPki pki;
  final DemoPki.Issued maker;
  final DemoPki.Issued holder;
  final byte[] png;

  private static final java.util.Map<KeyType, SealFixtures> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private SealFixtures(KeyType type) {
    pki = DemoPki.create(type, "Seal " + type);
    maker = pki.issueLeaf("CN=某某市电子印章制作中心,O=某某市人民政府,C=CN");
    holder = pki.issueLeaf("CN=某某市市场监督管理局,O=某某市人民政府,C=CN");
    png = SealPictures.emblem(42, 150);
  }

  static SealFixtures of(KeyType type) {
    return CACHE.computeIfAbsent(type, SealFixtures::new);
  }

  SealSpec.Builder spec() {
    Instant now = Instant.now();
    return SealSpec.builder().name("某某市市场监督管理局合同专用章").type(SealType.ORGANIZATION)
        .picture(SealPicture.of("PNG", png, 42, 42))
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
        .holders(List.of(holder.certificate()));
  }

  SesSeal seal(SesVersion version) {
    return SealMaker.builder(maker.signingKey()).version(version).build().make(spec().build());
  }

  SealVerifier verifier() {
    return SealVerifier.builder(pki.trustPolicy()).build();
  }
}
