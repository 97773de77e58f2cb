package org.tongban.license.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.testing.Outside;
import org.tongban.MalformedInputException;

class QrImagesTest {
  private static final String TEXT = "ZZ1:" + Base45.encode(
      "一网通办 licence payload for QR tests ".repeat(8).getBytes(StandardCharsets.UTF_8));

  private static BufferedImage transform(BufferedImage src, double scale, double degrees,
      boolean smooth) {
    int w = (int) Math.ceil(src.getWidth() * scale * 1.5);
    BufferedImage out = new BufferedImage(w, w, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, w, w);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth
        ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
        : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    AffineTransform at = new AffineTransform();
    at.translate(w / 2.0, w / 2.0);
    at.rotate(Math.toRadians(degrees));
    at.scale(scale, scale);
    at.translate(-src.getWidth() / 2.0, -src.getHeight() / 2.0);
    g.drawImage(src, at, null);
    g.dispose();
    return out;
  }

  @Test
  void render_thenDecode_plain() {
    byte[] png = QrImages.renderPng(TEXT, QrImages.Options.defaults());
    assertEquals(TEXT, QrImages.decode(png));
  }

  @Test
  void decode_photographedLikeImages_stillRead() {
    BufferedImage clean = QrImages.render(TEXT, new QrImages.Options(6, 4, 'Q'));
    // rotated 13 degrees, smoothed
    assertEquals(TEXT, QrImages.decode(transform(clean, 1.0, 13, true)));
    // scaled down to 3 pixels per module
    assertEquals(TEXT, QrImages.decode(transform(clean, 0.5, 0, true)));
    // light noise: every pixel's grey level moved by up to +-40
    BufferedImage noisy = transform(clean, 1.0, 4, true);
    Random r = new Random(1);
    for (int y = 0; y < noisy.getHeight(); y++) {
      for (int x = 0; x < noisy.getWidth(); x++) {
        int v = noisy.getRGB(x, y) & 0xff;
        v = Math.max(0, Math.min(255, v + r.nextInt(81) - 40));
        noisy.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }

    assertEquals(TEXT, QrImages.decode(noisy));
    // inverted (light on dark)
    BufferedImage inv = transform(clean, 1.0, 0, false);
    for (int y = 0; y < inv.getHeight(); y++) {
      for (int x = 0; x < inv.getWidth(); x++) {
        inv.setRGB(x, y, ~inv.getRGB(x, y) & 0xffffff);
      }
    }
    assertEquals(TEXT, QrImages.decode(inv));
  }

  /**
   * A photo taken at an angle: a true projective warp (homography) of the code into a trapezoid
   * whose far edge is 20 % narrower and 10 % shorter, as a phone held at an angle sees it.
   */
  @Test
  void decode_perspectiveWarp_stillReads() {
    BufferedImage clean = QrImages.render(TEXT, new QrImages.Options(6, 4, 'Q'));
    int w = clean.getWidth();
    int h = clean.getHeight();
    int out = (int) (w * 1.2);
    // The destination quadrilateral (clockwise from top-left) and the source square.
    float m = out * 0.1f;
    com.google.zxing.common.PerspectiveTransform t =
        com.google.zxing.common.PerspectiveTransform.quadrilateralToQuadrilateral(
            m, m, out - m, m, out - m - w * 0.1f, out - m - h * 0.1f, m + w * 0.1f,
            out - m - h * 0.1f,
            0, 0, w, 0, w, h, 0, h);
    BufferedImage photo = new BufferedImage(out, out, BufferedImage.TYPE_INT_RGB);
    float[] pt = new float[2];
    for (int y = 0; y < out; y++) {
      for (int x = 0; x < out; x++) {
        pt[0] = x + 0.5f;
        pt[1] = y + 0.5f;
        t.transformPoints(pt);
        int sx = (int) pt[0];
        int sy = (int) pt[1];
        photo.setRGB(x, y, sx >= 0 && sy >= 0 && sx < w && sy < h
            ? clean.getRGB(sx, sy) & 0xffffff : 0xffffff);
      }
    }
    assertEquals(TEXT, QrImages.decode(photo));
  }

  @Test
  void decode_belowTwoPixelsPerModule_saysSo() {
    BufferedImage tiny = transform(QrImages.render(TEXT, new QrImages.Options(4, 4, 'Q')), 0.3,
        0, true);
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> QrImages.decode(tiny));
    assertTrue(e.getMessage().contains("2 pixels per module"), e.getMessage());
    assertThrows(MalformedInputException.class, () -> QrImages.decode(new byte[] {1, 2, 3}));
  }

  @Test
  void render_nonAlphanumericText_usesByteModeUtf8() {
    String chinese = "电子证照 https://example.gov.cn/zz?id=1";
    assertEquals(chinese, QrImages.decode(QrImages.renderPng(chinese,
        QrImages.Options.defaults())));
  }

  private static String randomCode(Random r) {
    return QrTestImages.randomCode(r, 250 + r.nextInt(150));
  }

  private static BufferedImage side(BufferedImage a, BufferedImage b, boolean stacked) {
    int w = stacked ? Math.max(a.getWidth(), b.getWidth()) + 40 : a.getWidth() + b.getWidth() + 80;
    int h = stacked ? a.getHeight() + b.getHeight() + 80 : Math.max(a.getHeight(), b.getHeight())
        + 40;
    BufferedImage all = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.drawImage(a, 20, 20, null);
    g.drawImage(b, stacked ? 20 : a.getWidth() + 60, stacked ? a.getHeight() + 60 : 20, null);
    g.dispose();
    return all;
  }

  /**
   * Two different codes in one image are never settled by picking one: 60 random pairs side by
   * side and stacked (ZXing's single reader pairs finder patterns wrongly on some of them; the
   * second look must still see the other code), and a pair photographed turned by 20°.
   */
  @Test
  void twoDifferentCodes_everyPair_isAmbiguous_sameCodeTwice_reads() {
    Random r = new Random(44);
    for (int i = 0; i < 60; i++) {
      BufferedImage a = QrImages.render(randomCode(r), QrImages.Options.defaults());
      BufferedImage b = QrImages.render(randomCode(r), QrImages.Options.defaults());
      BufferedImage both = side(a, b, i % 2 == 1);
      MalformedInputException e = assertThrows(MalformedInputException.class,
          () -> QrImages.decode(both), "pair " + i);
      assertEquals(org.tongban.result.Reason.AMBIGUOUS_INPUT, e.reason(), "pair " + i);
    }
    BufferedImage a = QrImages.render(TEXT, new QrImages.Options(4, 4, 'Q'));
    BufferedImage b = QrImages.render(randomCode(r), new QrImages.Options(4, 4, 'Q'));
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> QrImages.decode(transform(side(a, b, false), 1.0, 20, true)));
    assertEquals(org.tongban.result.Reason.AMBIGUOUS_INPUT, e.reason());
    assertEquals(TEXT, QrImages.decode(side(a, a, false)));
    assertEquals(TEXT, QrImages.decode(side(a, a, true)));
    assertEquals(TEXT, QrImages.decode(transform(side(a, a, false), 1.0, 20, true)));
  }

  /**
   * Camera frames (1920 x 1080, the code a third of the height, turned 12 degrees, tilted,
   * out of focus, sensor noise of sigma 6, uneven light, a mottled desk): every one reads,
   * though ZXing's own plain decode of the same frames fails on most (the noise's speckle).
   */
  @Test
  void cameraFrames_read() {
    int zxing = 0;
    for (int seed = 1; seed <= 4; seed++) {
      BufferedImage frame = QrTestImages.cameraFrame(TEXT, seed);
      assertEquals(TEXT, QrImages.decode(frame), "frame " + seed);
      try {
        zxing += TEXT.equals(new com.google.zxing.qrcode.QRCodeReader().decode(
            new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(frame))))
            .getText()) ? 1 : 0;
      } catch (com.google.zxing.ReaderException e) {
        // not read by ZXing: counted as such
      }
    }
    System.out.println("camera frames read by ZXing's plain decode: " + zxing + "/4");
  }

  private static String run(Path dir, String... cmd) throws Exception {
    // stdout only: zbarimg may complain about D-Bus on stderr.
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    return out;
  }

  @Test
  @Tag("interop")
  void zbarimg_decodesOurPngToExactlyOurText(@TempDir Path dir) throws Exception {
    Outside.program("zbarimg", "zbar-tools");
    List<String> texts = new ArrayList<>(List.of(TEXT, "ZZ1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3"));
    for (int i = 0; i < texts.size(); i++) {
      Files.write(dir.resolve("qr" + i + ".png"),
          QrImages.renderPng(texts.get(i), QrImages.Options.defaults()));
      String out = run(dir, "zbarimg", "--raw", "-q", "qr" + i + ".png");
      assertEquals(texts.get(i), out.strip());
    }
  }

  @Test
  @Tag("interop")
  void qrencodeImages_decodeWithUs(@TempDir Path dir) throws Exception {
    Outside.program("qrencode", "qrencode");
    run(dir, "qrencode", "-l", "Q", "-s", "5", "-o", "theirs.png", TEXT);
    assertEquals(TEXT, QrImages.decode(dir.resolve("theirs.png")));
    run(dir, "qrencode", "-l", "M", "-s", "3", "-o", "small.png", "电子证照 UTF-8");
    assertEquals("电子证照 UTF-8", QrImages.decode(dir.resolve("small.png")));
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
