package org.tongban.seal.ses;

import java.util.Locale;
import java.util.Objects;

/**
 * The seal picture ({@code SES_ESPictrueInfo}, the standard's spelling): the image type as
 * written ({@code PNG}, {@code JPG}, {@code GIF}, {@code OFD}, ...), its bytes, and the size it is
 * displayed at in millimetres.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SealPicture {
  private final String type;
  private final byte[] data;
  private final int widthMm;
  private final int heightMm;

  private SealPicture(String type, byte[] data, int widthMm, int heightMm) {
    this.type = type;
    this.data = data;
    this.widthMm = widthMm;
    this.heightMm = heightMm;
  }

  /**
   * Returns a picture.
   *
   * @param type the type string, 1–16 printable ASCII characters, e.g. {@code PNG}
   * @param data the image bytes, not empty
   * @param widthMm display width in mm, 1–1000
   * @param heightMm display height in mm, 1–1000
   * @return the picture
   */
  public static SealPicture of(String type, byte[] data, int widthMm, int heightMm) {
    Objects.requireNonNull(data, "data");
    return owning(type, data.clone(), widthMm, heightMm);
  }

  /**
   * As {@link #of}, keeping {@code data} itself: for the SES parser, whose array no one
   * writes to.
   */
  static SealPicture owning(String type, byte[] data, int widthMm, int heightMm) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (type.isEmpty() || type.length() > 16
        || !type.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new IllegalArgumentException("picture type must be 1-16 printable ASCII characters");
    }
    if (data.length == 0) {
      throw new IllegalArgumentException("empty picture");
    }
    if (widthMm < 1 || widthMm > 1000 || heightMm < 1 || heightMm > 1000) {
      throw new IllegalArgumentException("picture size must be 1-1000 mm");
    }
    return new SealPicture(type, data, widthMm, heightMm);
  }

  /**
   * Returns whether the bytes really are of the declared type (PNG, JPG/JPEG, GIF and OFD are
   * recognised by their signatures; other types are unknown and return false).
   *
   * @return true if the magic bytes match the type
   */
  public boolean contentMatchesType() {
    byte[] d = data;
    switch (type.toUpperCase(Locale.ROOT)) {
      case "PNG":
        return startsWith(d, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
      case "JPG":
      case "JPEG":
        return startsWith(d, 0xFF, 0xD8, 0xFF);
      case "GIF":
        return startsWith(d, 'G', 'I', 'F', '8', '7', 'a') || startsWith(d, 'G', 'I', 'F', '8', '9', 'a');
      case "OFD":
        return startsWith(d, 'P', 'K', 3, 4);
      default:
        return false;
    }
  }

  private static boolean startsWith(byte[] d, int... magic) {
    if (d.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((d[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the type string as written.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * Returns the image bytes (a copy).
   *
   * @return the bytes
   */
  public byte[] data() {
    return data.clone();
  }

  /**
   * Returns the display width in millimetres.
   *
   * @return the width
   */
  public int widthMm() {
    return widthMm;
  }

  /**
   * Returns the display height in millimetres.
   *
   * @return the height
   */
  public int heightMm() {
    return heightMm;
  }

  @Override
  public String toString() {
    return "SealPicture{" + type + ", " + data.length + " bytes, " + widthMm + "x" + heightMm
        + " mm}";
  }
}
