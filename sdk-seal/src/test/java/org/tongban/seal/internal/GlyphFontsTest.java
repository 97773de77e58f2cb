package org.tongban.seal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlyphFontsTest {
  /** A font that claims only the characters of one script: stands in for installed fonts. */
  private static Font only(String name, Character.UnicodeScript script) {
    return new Font(Font.DIALOG, Font.PLAIN, 12) {
      @Override
      public boolean canDisplay(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == script;
      }

      @Override
      public String getFontName() {
        return name;
      }
    };
  }

  private static final Font HAN = only("han-only", Character.UnicodeScript.HAN);
  private static final Font LATIN = only("latin", Character.UnicodeScript.LATIN);
  private static final Font DIGITS = only("common", Character.UnicodeScript.COMMON);

  @Test
  void choose_eachCharacter_takesTheFirstFontThatDrawsIt() {
    Font[] f = GlyphFonts.choose("第1分局a", List.of(HAN, LATIN, DIGITS));
    assertArrayEquals(new Font[] {HAN, DIGITS, HAN, HAN, LATIN}, f);
  }

  @Test
  void choose_supplementaryCharacter_isOneCodePoint() {
    // U+20000 (CJK Extension B), as rare names use: one font slot, not two chars.
    assertEquals(2, GlyphFonts.choose("\uD840\uDC00局", List.of(HAN)).length);
  }

  @Test
  void choose_charactersNoFontDraws_areAllNamedOnce() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GlyphFonts.choose("某1某a", List.of(LATIN)));
    assertTrue(e.getMessage().startsWith("no installed font can draw 某 1 (U+67D0, U+0031)"),
        e.getMessage());
    assertEquals(List.of("某", "1"), GlyphFonts.undrawable("某1某a", List.of(LATIN)));
    assertEquals(List.of(), GlyphFonts.undrawable("某1", List.of(HAN, DIGITS)));
  }

  @Test
  void order_preferredCjkFamiliesFirst_logicalFontsLeftOut() {
    List<Font> fonts = GlyphFonts.order(new String[] {"DejaVu Sans", Font.DIALOG,
        "Droid Sans Fallback", "WenQuanYi Zen Hei", "Abyssinica SIL"});
    assertEquals(List.of("WenQuanYi Zen Hei", "Droid Sans Fallback", "Abyssinica SIL",
        "DejaVu Sans"), fonts.stream().map(Font::getName).toList());
  }
}
