package org.tongban.seal.ofdrw;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads {@link OfdrwHarness} with ofdrw-gm 2.3.6 and BouncyCastle 1.70 (copied to
 * {@code target/ofdrw-libs} by the build), isolated from the test class path.
 */
public final class OfdrwClassLoader {
  private final Class<?> harness;

  /**
   * Creates the loader.
   *
   * @throws IOException if the libraries are missing
   * @throws ClassNotFoundException if the harness is missing
   */
  public OfdrwClassLoader() throws IOException, ClassNotFoundException {
    List<URL> urls = new ArrayList<>();
    urls.add(OfdrwHarness.class.getProtectionDomain().getCodeSource().getLocation());
    try (Stream<Path> jars = Files.list(Path.of("target", "ofdrw-libs"))) {
      for (Path p : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        urls.add(p.toUri().toURL());
      }
    }
    if (urls.size() < 3) {
      throw new IOException("target/ofdrw-libs must hold ofdrw-gm and bcprov-jdk15on");
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
        ClassLoader.getPlatformClassLoader());
    harness = Class.forName(OfdrwHarness.class.getName(), true, loader);
  }

  /**
   * Calls a static harness method.
   *
   * @param name the method
   * @param args byte arrays
   * @return the result
   * @throws Exception what the method threw
   */
  public Object call(String name, Object... args) throws Exception {
    for (Method m : harness.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception) {
            throw (Exception) e.getCause();
          }
          throw new IllegalStateException("ofdrw harness failed: " + e.getCause(), e.getCause());
        }
      }
    }
    throw new NoSuchMethodException(name);
  }
}
