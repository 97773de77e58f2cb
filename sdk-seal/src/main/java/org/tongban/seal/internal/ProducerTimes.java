package org.tongban.seal.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as seal producers write them in text: without a zone they are China time
 * (Asia/Shanghai), which is where the documents are sealed.
 */
public final class ProducerTimes {
  /** The zone of times written without one. */
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final Pattern DASHED = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}");
  private static final Pattern COMPACT = Pattern.compile("(\\d{14})(\\.\\d{1,9})?(Z?)");
  private static final DateTimeFormatter COMPACT_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
  private static final DateTimeFormatter DASHED_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(CHINA);

  private ProducerTimes() {}

  /**
   * Reads {@code yyyy-MM-dd HH:mm:ss} (or with {@code T}) as China time.
   *
   * @param text the text
   * @return the instant, or empty if the text is not that form or not a valid time
   */
  public static Optional<Instant> dashedChinaTime(String text) {
    if (!DASHED.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')).atZone(CHINA).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads any of the forms producers write: {@code yyyy-MM-dd HH:mm:ss}, {@code yyyyMMddHHmmss}
   * (China time), the latter with {@code Z} and optional fractions (UTC), or ISO 8601 with an
   * offset.
   *
   * @param text the text
   * @return the instant, or empty if it is none of them
   */
  public static Optional<Instant> parse(String text) {
    String t = text.trim();
    Optional<Instant> dashed = dashedChinaTime(t);
    if (dashed.isPresent()) {
      return dashed;
    }
    try {
      Matcher compact = COMPACT.matcher(t);
      if (compact.matches()) {
        LocalDateTime local = LocalDateTime.parse(compact.group(1), COMPACT_FORMAT);
        return Optional.of(compact.group(3).isEmpty() ? local.atZone(CHINA).toInstant()
            : local.toInstant(ZoneOffset.UTC));
      }
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes {@code yyyy-MM-dd HH:mm:ss} in China time, as ofdrw and most producers do.
   *
   * @param time the instant
   * @return the text
   */
  public static String format(Instant time) {
    return DASHED_FORMAT.format(time);
  }
}
