package org.tongban.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Finds the public test vectors copied into this module's test resources
 * ({@code src/test/resources/vectors}, provenance and licences in {@code PROVENANCE.md} there).
 */
public final class TestData {
  private TestData() {}

  /**
   * Returns the project root (the directory holding the root pom.xml).
   *
   * @return the root
   */
  public static Path projectRoot() {
    String prop = System.getProperty("tongban.root");
    Path p = prop != null && !prop.isEmpty() ? Path.of(prop) : Path.of("").toAbsolutePath();
    for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
      if (Files.exists(q.resolve("sdk-core")) && Files.exists(q.resolve("pom.xml"))) {
        return q;
      }
    }
    throw new IllegalStateException("project root not found from " + p);
  }

  /**
   * Resolves a test vector file under {@code vectors/} on the test class path.
   *
   * @param relative the path below {@code vectors/}, e.g. {@code sm2/sm2_vectors.json}
   * @return the path; it must exist
   */
  public static Path vector(String relative) {
    URL url = TestData.class.getResource("/vectors/" + relative);
    if (url == null) {
      throw new IllegalStateException("missing test vector file vectors/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a JSON object file.
   *
   * @param p the file
   * @return the object
   * @throws IOException if unreadable
   */
  public static Map<String, Object> json(Path p) throws IOException {
    try {
      return JSONObjectUtils.parse(Files.readString(p, StandardCharsets.UTF_8), 64 << 20);
    } catch (java.text.ParseException e) {
      throw new IOException(e);
    }
  }

  /**
   * Casts a JSON value to a list of objects.
   *
   * @param o the value
   * @return the list
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> objects(Object o) {
    return (List<Map<String, Object>>) o;
  }

  /**
   * Casts a JSON value to an object.
   *
   * @param o the value
   * @return the object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object o) {
    return (Map<String, Object>) o;
  }
}
