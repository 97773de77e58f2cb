package org.tongban.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.samples.crypto.SignVerifySample;
import org.tongban.samples.identity.DepartmentApp;
import org.tongban.samples.identity.SamplePlatform;
import org.tongban.samples.identity.TokenVerifySample;
import org.tongban.samples.license.LicenseSample;
import org.tongban.samples.seal.OfdSealSample;
import org.tongban.samples.seal.PdfSealSample;
import org.tongban.samples.seal.SealSample;
import org.tongban.samples.signer.RemoteSignerSample;
import org.tongban.testing.TestData;
import org.tongban.testing.Loopback;

/**
 * Every sample runs as README documents it — its own main in its own JVM — and ends by saying
 * what it proved; the two servers answer on the ports they were given.
 */
class SamplesTest {
  private static final List<Class<?>> RUNNABLE = List.of(SignVerifySample.class,
      SealSample.class, PdfSealSample.class, OfdSealSample.class, LicenseSample.class,
      TokenVerifySample.class, RemoteSignerSample.class);

  private static ProcessBuilder java(Class<?> main, String... args) {
    return new ProcessBuilder(TestJvm.command(main, args)).redirectErrorStream(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SignVerifySample", "SealSample", "PdfSealSample", "OfdSealSample",
      "LicenseSample", "TokenVerifySample", "RemoteSignerSample"})
  void sample_main_printsWhatItProved(String name) throws Exception {
    Class<?> main = RUNNABLE.stream().filter(c -> c.getSimpleName().equals(name)).findFirst()
        .orElseThrow();
    if (List.of("SealSample", "PdfSealSample", "RemoteSignerSample").contains(name)) {
      TestFonts.require("某某市市场监督管理局合同专用章"); // these draw seal pictures
    }
    Process p = java(main).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    String proves = (String) main.getField("PROVES").get(null);
    assertTrue(out.endsWith("proved: " + proves + System.lineSeparator()), out);
  }

  @Test
  void readme_documentsOneRunCommandPerSample() throws Exception {
    String readme = Files.readString(TestData.projectRoot().resolve("README.md"));
    List<Class<?>> all = new ArrayList<>(RUNNABLE);
    all.add(SamplePlatform.class);
    all.add(DepartmentApp.class);
    for (Class<?> c : all) {
      String command = "java -cp samples/target/tongban.jar " + c.getName();
      assertTrue(readme.contains(command), "README runs " + c.getSimpleName() + ": " + command);
      c.getMethod("main", String[].class); // and it has one
    }
  }

  /** Reads lines until one matches, returning its first group. */
  private static String await(BufferedReader in, Pattern p) throws IOException {
    for (String line; (line = in.readLine()) != null; ) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new IOException("ended before a line matching " + p);
  }

  @Test
  void platformAndDepartmentApp_mains_serveTheSignOn() throws Exception {
    int platformPort = Loopback.freePort();
    int appPort = Loopback.freePort();
    String app = "http://127.0.0.1:" + appPort;
    Process platform = java(SamplePlatform.class, String.valueOf(platformPort), app).start();
    Process dept = null;
    try {
      String issuer = await(new BufferedReader(new InputStreamReader(platform.getInputStream(),
          StandardCharsets.UTF_8)), Pattern.compile("identity platform (\\S+) running"));
      assertEquals("http://127.0.0.1:" + platformPort, issuer);
      dept = java(DepartmentApp.class, issuer, "dept-a", "secret-a", String.valueOf(appPort))
          .start();
      String url = await(new BufferedReader(new InputStreamReader(dept.getInputStream(),
          StandardCharsets.UTF_8)), Pattern.compile("department app dept-a (\\S+) running"));
      assertEquals(app + "/app/", url);
      HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
      assertEquals(302, r.statusCode());
      assertTrue(r.headers().firstValue("Location").orElse("").startsWith(issuer + "/auth?"),
          r.headers().toString());
    } finally {
      platform.destroy();
      if (dept != null) {
        dept.destroy();
        assertTrue(dept.waitFor(20, TimeUnit.SECONDS));
      }
      assertTrue(platform.waitFor(20, TimeUnit.SECONDS));
    }
  }
}
