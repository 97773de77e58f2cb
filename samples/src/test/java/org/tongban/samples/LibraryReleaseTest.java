package org.tongban.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tongban.testing.Outside;
import org.tongban.testing.TestData;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a department needs to adopt the SDK from a repository: a BOM that brings exactly the
 * Tongban modules, POM metadata Maven Central asks for, sources and Javadoc jars, and
 * reproducible archives. Nothing is published.
 */
class LibraryReleaseTest {
  private static final List<String> SDK = List.of("sdk-core", "sdk-seal", "sdk-license");

  private static Document pom(Path p) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(p.toFile());
  }

  /** The text of the first element at this path of child names below the root, or "". */
  private static String text(Document d, String... path) {
    Node n = d.getDocumentElement();
    for (String name : path) {
      Node next = null;
      for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c instanceof Element && c.getNodeName().equals(name)) {
          next = c;
          break;
        }
      }
      if (next == null) {
        return "";
      }
      n = next;
    }
    return n.getTextContent().trim();
  }

  @Test
  void bom_managesExactlyTheSdkModules_atTheProjectVersion() throws Exception {
    Path root = TestData.projectRoot();
    Document parent = pom(root.resolve("pom.xml"));
    Document bom = pom(root.resolve("bom/pom.xml"));
    assertEquals("tongban-bom", text(bom, "artifactId"));
    assertEquals("pom", text(bom, "packaging"));
    assertEquals(text(parent, "version"), text(bom, "version"), "one version for all");
    assertEquals("", text(bom, "parent"), "no parent: nothing but Tongban leaks into imports");
    NodeList deps = bom.getElementsByTagName("dependency");
    List<String> managed = new ArrayList<>();
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertEquals("org.tongban", d.getElementsByTagName("groupId").item(0).getTextContent());
      assertEquals("${project.version}",
          d.getElementsByTagName("version").item(0).getTextContent());
      managed.add(d.getElementsByTagName("artifactId").item(0).getTextContent());
    }
    assertEquals(List.of("tongban-sdk-core", "tongban-sdk-seal", "tongban-sdk-license"),
        managed);
    assertTrue(text(parent, "modules").contains("bom"), "the BOM is built with the rest");
  }

  @Test
  void poms_carryWhatMavenCentralRequires() throws Exception {
    Path root = TestData.projectRoot();
    for (Path p : List.of(root.resolve("pom.xml"), root.resolve("bom/pom.xml"))) {
      Document d = pom(p);
      for (String[] path : new String[][] {{"name"}, {"description"}, {"url"},
          {"licenses", "license", "name"}, {"licenses", "license", "url"},
          {"developers", "developer", "name"}, {"scm", "url"}, {"scm", "connection"},
          {"scm", "developerConnection"}}) {
        assertFalse(text(d, path).isEmpty(), p + " has " + String.join("/", path));
      }
      Instant.parse(text(d, "properties", "project.build.outputTimestamp"));
    }
    assertTrue(Files.readString(root.resolve("LICENSE")).contains("Apache License"),
        "the licence text the POM names");
  }

  @Test
  void sdkModules_shipSourcesAndJavadoc_withFixedEntryTimes() throws Exception {
    Path root = TestData.projectRoot();
    Document parent = pom(root.resolve("pom.xml"));
    String version = text(parent, "version");
    FileTime fixed = FileTime.from(Instant.parse(text(parent, "properties",
        "project.build.outputTimestamp")));
    for (String module : SDK) {
      String artifact = "tongban-" + module;
      Path main = root.resolve(module + "/target/" + artifact + "-" + version + ".jar");
      Outside.require(Files.exists(main), artifact + " is not packaged yet",
          "mvn verify packages the SDK modules before this module's tests");
      for (String classifier : List.of("", "-sources", "-javadoc")) {
        Path jar = root.resolve(module + "/target/" + artifact + "-" + version + classifier
            + ".jar");
        assertTrue(Files.exists(jar), jar + " is built");
        try (JarFile j = new JarFile(jar.toFile())) {
          assertTrue(j.size() > 5, jar.toString());
          for (JarEntry e : java.util.Collections.list(j.entries())) {
            // Zip times are local and 2-second grained: compare to the minute, in UTC terms.
            long diff = Math.abs(e.getLastModifiedTime().toMillis() - fixed.toMillis());
            assertTrue(diff < 24 * 3600_000L && e.getLastModifiedTime().toInstant()
                .getEpochSecond() % 60 == fixed.toInstant().getEpochSecond() % 60,
                jar + "!" + e.getName() + " at " + e.getLastModifiedTime());
          }
          if (classifier.equals("-javadoc")) {
            assertTrue(j.stream().noneMatch(e -> e.getName().contains("/internal/")),
                jar + " documents no internal package");
          }
        }
      }
    }
  }

  @Test
  void slowInteropTest_runsInTheLastModuleWithTests() throws Exception {
    // A Keycloak failure must not stop another module's tests: Maven stops at the first module
    // that fails, so the test lives in the last module that has tests.
    Path root = TestData.projectRoot();
    NodeList modules = pom(root.resolve("pom.xml")).getElementsByTagName("module");
    String last = null;
    for (int i = 0; i < modules.getLength(); i++) {
      String m = modules.item(i).getTextContent();
      if (Files.isDirectory(root.resolve(m).resolve("src/test/java"))) {
        last = m;
      }
    }
    assertEquals("samples", last);
    assertTrue(Files.exists(root.resolve(
        "samples/src/test/java/org/tongban/identity/KeycloakInteropTest.java")));
  }
}
