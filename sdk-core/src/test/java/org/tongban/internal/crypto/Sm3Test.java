package org.tongban.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.tongban.testing.TestData;

/**
 * Our SM3 against the standard's examples (GB/T 32905-2016 Appendix A) and, differentially,
 * against BouncyCastle's {@code SM3Digest}: every length from 0 to 1 000 bytes (every padding
 * case, one to sixteen blocks), a mebibyte, random splits of the input into updates of every
 * size (single bytes too), reuse after doFinal, and as the digest of an HMAC.
 */
class Sm3Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void standardExamples() throws Exception {
    List<Map<String, Object>> v = TestData.objects(TestData.json(
        TestData.vector("sm2/sm2_vectors.json")).get("sm3Vectors"));
    assertEquals(3, v.size());
    for (Map<String, Object> t : v) {
      assertEquals(t.get("digest"), HEX.formatHex(Sm3.digest(HEX.parseHex(
          (String) t.get("messageHex")))));
    }
  }

  @Test
  void sameAsBouncyCastle_everyLengthTo1000_andAMebibyte() {
    SplittableRandom random = new SplittableRandom(32905);
    for (int len = 0; len <= 1000; len++) {
      byte[] data = new byte[len];
      random.nextBytes(data);
      assertArrayEquals(bc(data), Sm3.digest(data), "length " + len);
    }
    byte[] big = new byte[1 << 20];
    random.nextBytes(big);
    assertArrayEquals(bc(big), Sm3.digest(big));
  }

  /** A hundred thousand random messages of random lengths, up to five blocks each. */
  @Test
  void sameAsBouncyCastle_100000RandomMessages() {
    SplittableRandom random = new SplittableRandom(2016);
    for (int i = 0; i < 100_000; i++) {
      byte[] data = new byte[random.nextInt(0, 321)];
      random.nextBytes(data);
      assertArrayEquals(bc(data), Sm3.digest(data), "message " + i);
    }
  }

  @Test
  void sameAsBouncyCastle_overRandomSplits_andReuse() {
    SplittableRandom random = new SplittableRandom(7);
    Sm3 ours = new Sm3();
    for (int round = 0; round < 2000; round++) {
      byte[] data = new byte[random.nextInt(0, 3000)];
      random.nextBytes(data);
      int off = 0;
      while (off < data.length) {
        // Short pieces (through the block buffer) and long ones (many blocks in one call,
        // at any offset of the input).
        int most = random.nextInt(4) == 0 ? 1500 : 130;
        int n = random.nextInt(0, Math.min(most, data.length - off) + 1);
        if (n == 1 && random.nextBoolean()) {
          ours.update(data[off]);
        } else {
          ours.update(data, off, n);
        }
        off += n;
      }
      byte[] out = new byte[40];
      assertEquals(32, ours.doFinal(out, 8)); // resets: the same object goes on
      byte[] expected = bc(data);
      for (int i = 0; i < 32; i++) {
        assertEquals(expected[i], out[8 + i], "round " + round + " byte " + i);
      }
    }
  }

  @Test
  void asTheDigestOfAnHmac() {
    SplittableRandom random = new SplittableRandom(1);
    for (int keyLen : new int[] {0, 16, 64, 65, 200}) {
      byte[] key = new byte[keyLen];
      byte[] msg = new byte[333];
      random.nextBytes(key);
      random.nextBytes(msg);
      assertArrayEquals(hmac(new SM3Digest(), key, msg), hmac(new Sm3(), key, msg));
    }
  }

  @Test
  void theMessageDigestAdapter_isTheSame() {
    java.security.MessageDigest md = Digests.messageDigest(org.tongban.crypto.DigestAlgorithm.SM3);
    assertEquals(32, md.getDigestLength());
    SplittableRandom random = new SplittableRandom(3);
    for (int len : new int[] {0, 1, 55, 56, 64, 65, 1000}) {
      byte[] data = new byte[len];
      random.nextBytes(data);
      md.update((byte) 1);
      md.reset();
      if (len > 0) {
        md.update(data[0]);
        md.update(data, 1, len - 1);
      }
      assertArrayEquals(bc(data), md.digest(), "length " + len);
    }
  }

  @Test
  void badRanges_areRefused() {
    Sm3 d = new Sm3();
    assertThrows(IndexOutOfBoundsException.class, () -> d.update(new byte[4], 3, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> d.update(new byte[4], -1, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> d.update(new byte[4], 0, -1));
    assertEquals("SM3", d.getAlgorithmName());
    assertEquals(64, d.getByteLength());
  }

  private static byte[] bc(byte[] data) {
    SM3Digest d = new SM3Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static byte[] hmac(Digest digest, byte[] key, byte[] msg) {
    HMac mac = new HMac(digest);
    mac.init(new KeyParameter(key));
    mac.update(msg, 0, msg.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }
}
