package org.tongban.seal.pdf.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a signature dictionary straight from the file bytes at its cross-reference offset:
 * {@code /ByteRange}, where the {@code /Contents} hex string physically lies, {@code /SubFilter},
 * and whether {@code /Reference} (DocMDP/FieldMDP) is present. Two reasons to read it here and
 * not through PDFBox: the verifier needs the string's position, not only its value, to prove
 * that the unsigned gap is exactly the signature; and PDFBox's hex-string parser costs as much
 * as hashing a megabyte. Strict: any syntax this reader does not expect returns empty, and the
 * caller falls back to PDFBox's reading.
 */
public final class SignatureDictionary {
  private static final int MAX_DEPTH = 32;
  /** A signature dictionary larger than this is not read here. */
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  /**
   * The parts of a signature dictionary the verifier uses.
   *
   * @param byteRange the four integers of {@code /ByteRange}, or empty if it is absent or not
   *     an array of exactly four integers
   * @param contentsStart the offset of the {@code <} opening the {@code /Contents} hex string,
   *     or −1 if {@code /Contents} is absent or not a hex string
   * @param contentsEnd the offset just after its {@code >}
   * @param subFilter the {@code /SubFilter} name, or empty
   * @param hasReference whether {@code /Reference} is present
   */
  public record Parsed(Optional<long[]> byteRange, int contentsStart, int contentsEnd,
      String subFilter, boolean hasReference) {}

  private final byte[] pdf;
  private final int limit;
  private int pos;

  private SignatureDictionary(byte[] pdf, int pos) {
    this.pdf = pdf;
    this.pos = pos;
    this.limit = (int) Math.min(pdf.length, (long) pos + MAX_BYTES);
  }

  /**
   * Parses {@code number generation obj << ... >>} at an offset.
   *
   * @param pdf the file
   * @param offset where the cross-reference table says the object starts
   * @param number the expected object number
   * @param generation the expected generation
   * @return the parts, or empty when the bytes there are not such a dictionary
   */
  public static Optional<Parsed> parse(byte[] pdf, long offset, long number, int generation) {
    if (offset < 0 || offset >= pdf.length) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SignatureDictionary(pdf, (int) offset).object(number, generation));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  private Parsed object(long number, int generation) {
    skipSpace();
    if (integer() != number) {
      throw new IllegalStateException();
    }
    skipSpace();
    if (integer() != generation) {
      throw new IllegalStateException();
    }
    skipSpace();
    expect("obj");
    skipSpace();
    expect("<<");
    Optional<long[]> range = Optional.empty();
    int contentsStart = -1;
    int contentsEnd = -1;
    String subFilter = "";
    boolean reference = false;
    Set<String> keys = new HashSet<>();
    while (true) {
      skipSpace();
      if (peek(">>")) {
        pos += 2;
        return new Parsed(range, contentsStart, contentsEnd, subFilter, reference);
      }
      String key = name();
      if (!keys.add(key)) {
        throw new IllegalStateException(); // a duplicate key: readers disagree on which wins
      }
      skipSpace();
      switch (key) {
        case "ByteRange" -> range = byteRange();
        case "Contents" -> {
          if (at() == '<' && pos + 1 < limit && pdf[pos + 1] != '<') {
            // Only the end is looked for: the caller decodes the digits, and rejects the
            // signature if any is not hexadecimal.
            contentsStart = pos;
            pos = endOfString(pos + 1);
            contentsEnd = pos;
          } else {
            skipValue(0);
          }
        }
        case "SubFilter" -> {
          if (at() == '/') {
            subFilter = name();
          } else {
            skipValue(0);
          }
        }
        case "Reference" -> {
          reference = true;
          skipValue(0);
        }
        default -> skipValue(0);
      }
    }
  }

  private Optional<long[]> byteRange() {
    int start = pos;
    try {
      Optional<long[]> v = fourIntegers();
      if (v.isPresent()) {
        return v;
      }
    } catch (IllegalStateException e) {
      // not four integers: read it as any other value below
    }
    pos = start;
    skipValue(0);
    return Optional.empty();
  }

  private Optional<long[]> fourIntegers() {
    if (at() == '[') {
      pos++;
      long[] v = new long[4];
      for (int i = 0; i < 4; i++) {
        skipSpace();
        if (!isDigit(at()) && at() != '-') {
          break;
        }
        v[i] = integer();
        if (i == 3) {
          skipSpace();
          if (at() == ']') {
            pos++;
            return Optional.of(v);
          }
        }
      }
    }
    return Optional.empty();
  }

  private void skipValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException();
    }
    byte c = at();
    if (c == '/') {
      name();
    } else if (c == '(') {
      skipLiteralString();
    } else if (c == '<' && pos + 1 < limit && pdf[pos + 1] == '<') {
      pos += 2;
      while (true) {
        skipSpace();
        if (peek(">>")) {
          pos += 2;
          return;
        }
        name();
        skipSpace();
        skipValue(depth + 1);
      }
    } else if (c == '<') {
      skipHexString();
    } else if (c == '[') {
      pos++;
      while (true) {
        skipSpace();
        if (at() == ']') {
          pos++;
          return;
        }
        skipValue(depth + 1);
      }
    } else if (isDigit(c) || c == '-' || c == '+' || c == '.') {
      // A number, or the first number of an indirect reference "n g R".
      int save = pos;
      skipNumber();
      int afterFirst = pos;
      skipSpace();
      if (isDigit(at())) {
        skipNumber();
        skipSpace();
        if (at() == 'R' && (pos + 1 >= limit || isDelimiterOrSpace(pdf[pos + 1]))) {
          pos++;
          return;
        }
      }
      pos = afterFirst;
      if (pos == save) {
        throw new IllegalStateException();
      }
    } else if (peek("true")) {
      pos += 4;
    } else if (peek("false")) {
      pos += 5;
    } else if (peek("null")) {
      pos += 4;
    } else {
      throw new IllegalStateException();
    }
  }

  private void skipHexString() {
    int end = endOfString(pos + 1);
    for (int i = pos + 1; i < end - 1; i++) {
      if (!isHex(pdf[i]) && !isSpace(pdf[i])) {
        throw new IllegalStateException();
      }
    }
    pos = end;
  }

  /** The offset after the first {@code >} from {@code from}. */
  private int endOfString(int from) {
    byte[] b = pdf;
    for (int i = from; i < limit; i++) {
      if (b[i] == '>') {
        return i + 1;
      }
    }
    throw new IllegalStateException();
  }

  private void skipLiteralString() {
    pos++; // '('
    int depth = 1;
    while (depth > 0) {
      byte c = at();
      pos++;
      if (c == '\\') {
        at();
        pos++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
    }
  }

  private String name() {
    if (at() != '/') {
      throw new IllegalStateException();
    }
    int start = ++pos;
    while (pos < limit && !isDelimiterOrSpace(pdf[pos])) {
      if (pdf[pos] == '#') {
        throw new IllegalStateException(); // escaped names: leave them to PDFBox
      }
      pos++;
    }
    return new String(pdf, start, pos - start, StandardCharsets.US_ASCII);
  }

  private long integer() {
    boolean negative = at() == '-';
    if (negative) {
      pos++;
    }
    int start = pos;
    long v = 0;
    while (pos < limit && isDigit(pdf[pos]) && pos - start < 12) {
      v = v * 10 + (pdf[pos++] - '0');
    }
    if (pos == start || (pos < limit && (isDigit(pdf[pos]) || pdf[pos] == '.'))) {
      throw new IllegalStateException();
    }
    return negative ? -v : v;
  }

  private void skipNumber() {
    while (pos < limit && (isDigit(pdf[pos]) || pdf[pos] == '.' || pdf[pos] == '-'
        || pdf[pos] == '+')) {
      pos++;
    }
  }

  private void skipSpace() {
    while (pos < limit) {
      byte c = pdf[pos];
      if (isSpace(c)) {
        pos++;
      } else if (c == '%') {
        while (pos < limit && pdf[pos] != '\n' && pdf[pos] != '\r') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void expect(String keyword) {
    if (!peek(keyword)) {
      throw new IllegalStateException();
    }
    pos += keyword.length();
  }

  private boolean peek(String s) {
    if (pos + s.length() > limit) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (pdf[pos + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private byte at() {
    if (pos >= limit) {
      throw new IllegalStateException();
    }
    return pdf[pos];
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(byte c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
  }

  private static boolean isDelimiterOrSpace(byte c) {
    return isSpace(c) || c == '/' || c == '<' || c == '>' || c == '[' || c == ']' || c == '('
        || c == ')' || c == '%' || c == '{' || c == '}';
  }
}
