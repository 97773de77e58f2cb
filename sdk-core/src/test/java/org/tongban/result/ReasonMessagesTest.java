package org.tongban.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Fails if either message bundle misses a Reason code or has an orphan key. */
class ReasonMessagesTest {

  @ParameterizedTest
  @ValueSource(strings = {"reasons.properties", "reasons_zh_CN.properties"})
  void bundle_coversEveryReasonExactly(String file) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Reason.class.getResourceAsStream(file)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Set<String> codes = Arrays.stream(Reason.values()).map(Reason::name)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> keys = new TreeSet<>(p.stringPropertyNames());
    assertEquals(codes, keys, file + " must have exactly one message per Reason");
    for (String k : keys) {
      assertFalse(p.getProperty(k).isBlank(), k + " is blank in " + file);
    }
  }

  @Test
  void message_chineseAndEnglish_differAndAreNotTheCode() {
    for (Reason r : Reason.values()) {
      String en = r.message(Locale.ENGLISH);
      String zh = r.message(Locale.SIMPLIFIED_CHINESE);
      assertNotEquals(r.name(), en);
      assertNotEquals(r.name(), zh);
      assertNotEquals(en, zh);
      assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
          == Character.UnicodeScript.HAN), r + " zh message has Chinese text");
      assertEquals(zh, r.message(Locale.forLanguageTag("zh")), "plain zh gets zh-CN text");
    }
  }

  @Test
  void message_defaultLocaleDoesNotLeak() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
      assertEquals("The signature does not verify.",
          Reason.SIG_CRYPTO_FAILURE.message(Locale.ENGLISH));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void indication_matchesKind() {
    for (Reason r : Reason.values()) {
      switch (r.kind()) {
        case FAILURE:
          assertEquals(Indication.FAILED, r.indication());
          break;
        case INDETERMINATE:
          assertEquals(Indication.INDETERMINATE, r.indication());
          break;
        default:
          assertEquals(Indication.PASSED, r.indication());
      }
    }
  }
}
