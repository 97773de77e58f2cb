package org.tongban.license.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;

/**
 * The committed robustness set (see its README): our read rate against ZXing's try-harder
 * reader, per category, on the same files.
 */
class QrRobustnessTest {
  private static final Path SET = Path.of("src/test/resources/qr/robustness");

  /** ZXing as its Java users call it, trying harder; with or without inverted images. */
  private static boolean zxingReads(BufferedImage img, String text, boolean alsoInverted) {
    Map<DecodeHintType, Object> hints = new java.util.EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    if (alsoInverted) {
      hints.put(DecodeHintType.ALSO_INVERTED, Boolean.TRUE);
    }
    try {
      return text.equals(new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
          new BufferedImageLuminanceSource(img))), hints).getText());
    } catch (ReaderException e) {
      return false;
    }
  }

  @Test
  void readRate_atLeastZxingTryHarder_inEveryCategory() throws IOException {
    String text = Files.readString(SET.resolve("text.txt"), StandardCharsets.US_ASCII);
    // category -> {images, ours, ZXing try-harder, ZXing try-harder + inverted}
    Map<String, int[]> rates = new TreeMap<>();
    List<String> lost = new ArrayList<>();
    for (String line : Files.readAllLines(SET.resolve("MANIFEST.tsv"))) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      byte[] png = Files.readAllBytes(SET.resolve(f[0]));
      boolean ours;
      try {
        ours = text.equals(QrImages.decode(png));
      } catch (MalformedInputException e) {
        ours = false;
      }
      if (f[4].equals("yes") && !ours) {
        lost.add(f[0]);
      }
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      int[] r = rates.computeIfAbsent(f[1], k -> new int[4]);
      r[0]++;
      r[1] += ours ? 1 : 0;
      r[2] += zxingReads(img, text, false) ? 1 : 0;
      r[3] += zxingReads(img, text, true) ? 1 : 0;
    }
    int[] total = new int[4];
    StringBuilder table = new StringBuilder(
        "QR robustness set: read by QrImages / ZXing try-harder / ZXing try-harder + inverted\n");
    rates.forEach((category, r) -> {
      table.append(String.format("  %-13s %d/%d  %d/%d  %d/%d%n", category, r[1], r[0], r[2],
          r[0], r[3], r[0]));
      for (int i = 0; i < 4; i++) {
        total[i] += r[i];
      }
    });
    table.append(String.format("  %-13s %d/%d  %d/%d  %d/%d", "all", total[1], total[0],
        total[2], total[0], total[3], total[0]));
    System.out.println(table);
    assertEquals(64, total[0], "the set's size");
    assertTrue(lost.isEmpty(), "no longer read: " + lost);
    rates.forEach((category, r) -> assertTrue(r[1] >= r[2] && r[1] >= r[3],
        category + ": ours below ZXing's\n" + table));
  }
}
