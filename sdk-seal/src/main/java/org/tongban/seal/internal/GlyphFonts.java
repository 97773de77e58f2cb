package org.tongban.seal.internal;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks, for each character of a text, the first installed font that can draw it. CJK fonts come
 * first, so Han characters are drawn by one of them; a CJK font that lacks Latin letters or digits
 * (Droid Sans Fallback has none) is no obstacle, because those characters fall through to the next
 * font that has them.
 */
public final class GlyphFonts {
  /** Family name prefixes tried first, in order (lower case). */
  private static final List<String> PREFERRED = List.of("noto sans cjk sc", "noto serif cjk sc",
      "source han sans", "wenquanyi zen hei", "wenquanyi micro hei", "ar pl",
      "droid sans fallback");

  private GlyphFonts() {}

  /** The installed physical fonts in the order they are tried, looked up once. */
  private static final class Installed {
    static final List<Font> FONTS = order(GraphicsEnvironment.getLocalGraphicsEnvironment()
        .getAvailableFontFamilyNames(Locale.ROOT));
  }

  /**
   * Returns the installed fonts in the order they are tried.
   *
   * @return preferred CJK families first, then every other physical family by name
   */
  public static List<Font> installed() {
    return Installed.FONTS;
  }

  static List<Font> order(String[] families) {
    List<String> sorted = new ArrayList<>(List.of(families));
    sorted.sort(String.CASE_INSENSITIVE_ORDER);
    Set<String> ordered = new LinkedHashSet<>();
    for (String want : PREFERRED) {
      for (String f : sorted) {
        if (f.toLowerCase(Locale.ROOT).startsWith(want)) {
          ordered.add(f);
        }
      }
    }
    for (String f : sorted) {
      if (!isLogical(f)) {
        ordered.add(f);
      }
    }
    List<Font> fonts = new ArrayList<>(ordered.size());
    for (String f : ordered) {
      fonts.add(new Font(f, Font.PLAIN, 12));
    }
    return List.copyOf(fonts);
  }

  /**
   * Chooses a font for each code point of the text.
   *
   * @param text the text
   * @param candidates the fonts to try, in order
   * @return one font per code point of {@code text}
   * @throws IllegalStateException naming every character no candidate can draw
   */
  public static Font[] choose(String text, List<Font> candidates) {
    int[] cps = text.codePoints().toArray();
    Font[] out = new Font[cps.length];
    Set<String> missing = new LinkedHashSet<>();
    for (int i = 0; i < cps.length; i++) {
      out[i] = firstThatDraws(cps[i], candidates);
      if (out[i] == null) {
        missing.add(new String(Character.toChars(cps[i])));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(describeMissing(missing));
    }
    return out;
  }

  /**
   * Returns the characters of the text that none of the candidates can draw, each once.
   *
   * @param text the text
   * @param candidates the fonts to try
   * @return the characters, in order of first appearance; empty if all can be drawn
   */
  public static List<String> undrawable(String text, List<Font> candidates) {
    Set<String> missing = new LinkedHashSet<>();
    text.codePoints().filter(cp -> firstThatDraws(cp, candidates) == null)
        .forEach(cp -> missing.add(new String(Character.toChars(cp))));
    return List.copyOf(missing);
  }

  private static Font firstThatDraws(int cp, List<Font> candidates) {
    for (Font f : candidates) {
      if (f.canDisplay(cp)) {
        return f;
      }
    }
    return null;
  }

  static String describeMissing(Set<String> missing) {
    StringBuilder chars = new StringBuilder();
    StringBuilder codes = new StringBuilder();
    for (String m : missing) {
      chars.append(chars.length() == 0 ? "" : " ").append(m);
      codes.append(codes.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "U+%04X", m.codePointAt(0)));
    }
    return "no installed font can draw " + chars + " (" + codes + "): install a CJK font, "
        + "e.g. Debian's fonts-wqy-zenhei or fonts-noto-cjk";
  }

  private static boolean isLogical(String family) {
    switch (family) {
      case Font.DIALOG:
      case Font.DIALOG_INPUT:
      case Font.SANS_SERIF:
      case Font.SERIF:
      case Font.MONOSPACED:
        return true;
      default:
        return false;
    }
  }
}
