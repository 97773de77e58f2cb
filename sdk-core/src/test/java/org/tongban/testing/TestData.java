package org.tongban.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.nimbusds.jose.util.JSONObjectUtils;

/** Finds the shared public test vectors at {@code ../shared/testdata} from the project root. */
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
   * Resolves a file under {@code ../shared/testdata}.
   *
   * @param relative the relative path
   * @return the path; it must exist
   */
  public static Path shared(String relative) {
    Path p = projectRoot().resolve("../shared/testdata").resolve(relative).normalize();
    if (!Files.exists(p)) {
      throw new IllegalStateException("missing test vector file " + p);
    }
    return p;
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
