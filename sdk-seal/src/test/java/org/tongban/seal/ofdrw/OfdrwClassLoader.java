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
 * Loads an ofdrw harness with the ofdrw jars and the BouncyCastle they were built for (copied
 * under {@code target} by the build: {@code ofdrw-libs} for ofdrw-gm 2.3.6 with BouncyCastle
 * 1.70, {@code ofdrw-sign-libs} for ofdrw-sign 2.3.3 with 1.68), isolated from the test class
 * path.
 */
public final class OfdrwClassLoader {
  private final Class<?> harness;

  /**
   * Creates the loader of {@link OfdrwHarness} with ofdrw-gm.
   *
   * @throws IOException if the libraries are missing
   * @throws ClassNotFoundException if the harness is missing
   */
  public OfdrwClassLoader() throws IOException, ClassNotFoundException {
    this("ofdrw-libs", OfdrwHarness.class);
  }

  /**
   * Creates a loader of a harness with the jars of one folder under {@code target}.
   *
   * @param libs the folder, e.g. {@code ofdrw-sign-libs}
   * @param harnessClass the harness
   * @throws IOException if the libraries are missing
   * @throws ClassNotFoundException if the harness is missing
   */
  public OfdrwClassLoader(String libs, Class<?> harnessClass)
      throws IOException, ClassNotFoundException {
    List<URL> urls = new ArrayList<>();
    urls.add(harnessClass.getProtectionDomain().getCodeSource().getLocation());
    try (Stream<Path> jars = Files.list(Path.of("target", libs))) {
      for (Path p : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(p.toUri().toURL());
      }
    }
    if (urls.size() < 3) {
      throw new IOException("target/" + libs + " must hold ofdrw and its BouncyCastle");
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
        ClassLoader.getPlatformClassLoader());
    harness = Class.forName(harnessClass.getName(), true, loader);
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
        // Libraries that find implementations by name (dom4j's DocumentFactory) ask the
        // context class loader: it must be the isolated one.
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(harness.getClassLoader());
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception) {
            throw (Exception) e.getCause();
          }
          throw new IllegalStateException("ofdrw harness failed: " + e.getCause(), e.getCause());
        } finally {
          t.setContextClassLoader(before);
        }
      }
    }
    throw new NoSuchMethodException(name);
  }
}
