package org.tongban.internal.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void readsWhatNimbusReads_theSameWay() throws Exception {
    String[] docs = {
        "{}",
        "{\"iss\":\"https://idp\",\"aud\":[\"a\",\"b\"],\"exp\":1764144000,\"n\":-1.5e3,"
            + "\"ok\":true,\"no\":false,\"x\":null,\"nested\":{\"k\":[1,{\"z\":\"\\u4e2d\\n\"}]}}",
        " { \"alg\" : \"RS256\" , \"kid\" : \"k\\/1\" } ",
        "{\"big\":12345678901234567890,\"small\":0,\"neg\":-0,\"e\":1E2,\"emoji\":\"\\ud83d\\ude00\"}",
    };
    for (String d : docs) {
      Map<String, Object> ours = Json.parseObject(d).orElseThrow(() -> new AssertionError(d));
      Map<String, Object> theirs = com.nimbusds.jose.util.JSONObjectUtils.parse(d);
      assertEquals(normalise(theirs), normalise(ours), d);
    }
  }

  /** Numbers compared by value: the two parsers may pick Long or Double differently. */
  private static Object normalise(Object o) {
    if (o instanceof Map<?, ?> m) {
      java.util.TreeMap<String, Object> t = new java.util.TreeMap<>();
      m.forEach((k, v) -> t.put((String) k, normalise(v)));
      return t;
    }
    if (o instanceof List<?> l) {
      return l.stream().map(JsonTest::normalise).toList();
    }
    return o instanceof Number n ? n.doubleValue() : o;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "\"x\"", "{", "{\"a\":1,}", "{\"a\":1}x", "{\"a\":1}{}",
      "{\"a\":1,\"a\":2}", "{a:1}", "{'a':1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
      "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}",
      "{\"a\":\"\\udc00x\"}", "{\"a\":tru}", "{\"a\":1e999}", "{\"a\":\"\\u12\"}",
      "{\"a\" 1}", "/* c */{}"})
  void refuses(String text) {
    assertEquals(Optional.empty(), Json.parseObject(text), text);
  }

  @Test
  void nestingIsBounded() {
    String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
    assertEquals(Optional.empty(), Json.parseObject(deep));
    String ok = "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}";
    assertFalse(Json.parseObject(ok).isEmpty());
  }

  @Test
  void mutatedInput_neverThrows() {
    String base = "{\"iss\":\"https://idp\",\"aud\":[\"a\",\"b\"],\"exp\":1764144000,"
        + "\"nested\":{\"k\":[1,{\"z\":\"\\u4e2d\"}]}}";
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      char[] c = base.toCharArray();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        c[random.nextInt(c.length)] = (char) (random.nextInt(128));
      }
      Json.parseObject(new String(c)); // any answer, but no exception
    }
  }
}
