package org.tongban.samples;

import java.util.List;
import org.tongban.seal.SealPictures;
import org.tongban.testing.Outside;

/** The font gate for tests that draw seal pictures with Chinese names. */
public final class TestFonts {
  private TestFonts() {}

  /**
   * Skips the calling test (fails it under CI) unless an installed font can draw the text.
   *
   * @param text the text the test draws
   */
  public static void require(String text) {
    List<String> missing = SealPictures.undrawable(text);
    Outside.require(missing.isEmpty(), "no installed font can draw " + String.join("", missing),
        "apt-get install fonts-wqy-zenhei");
  }
}
