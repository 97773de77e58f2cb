package org.tongban.samples.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.tongban.testing.Outside;

/**
 * The whole one-sign-on flow in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; nothing downloaded): log in at the platform from app A, visit app B
 * with no second login, log out, and both apps ask for a login again. A screenshot of each step
 * goes to {@code target/screenshots/} for review.
 */
@Tag("interop")
class SsoBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target/screenshots");

  private static void shot(WebDriver d, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(
        OutputType.BYTES));
  }

  private static WebDriver chromium() {
    Outside.require(Files.isExecutable(CHROMIUM), CHROMIUM + " not found",
        "apt-get install chromium");
    Outside.require(Files.isExecutable(DRIVER), DRIVER + " not found",
        "apt-get install chromium-driver");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            "--window-size=1000,700");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return browser;
  }

  /**
   * One department app on two nodes sharing a real Redis, no sticky sessions: the login begun
   * on node A is completed by node B (the platform sends the browser to B's callback), the
   * person is recognised on both; with Redis killed a protected page answers 503
   * STATE_UNAVAILABLE; once Redis is back (empty) the platform's sign-on logs the person in
   * again without a password, and a logout through B ends the session on A as well.
   */
  @Test
  void oneAppOnTwoNodes_sharingRedis_inARealBrowser() throws Exception {
    try (org.tongban.testing.RedisServer redis = org.tongban.testing.RedisServer.start();
        SamplePlatform platform = new SamplePlatform()) {
      platform.addUser(new SamplePlatform.User("zhangsan", "pa55word", "张三",
          "11010519491231002X", 3));
      try (DepartmentApp b = new DepartmentApp("某某市市场监督管理局", "dept-a", "secret-a",
          platform.issuer(), 0, redis.uri(), java.util.Optional.empty());
          DepartmentApp a = new DepartmentApp("某某市市场监督管理局", "dept-a", "secret-a",
              platform.issuer(), 0, redis.uri(), java.util.Optional.of(b.url()))) {
        platform.addClient(new SamplePlatform.Client("dept-a", "secret-a",
            URI.create(b.url() + "/sso/callback"), URI.create(a.url()
                + "/sso/backchannel-logout")));
        WebDriver browser = chromium();
        try {
          browser.get(a.url() + "/app/");
          browser.findElement(By.id("username")).sendKeys("zhangsan");
          browser.findElement(By.id("password")).sendKeys("pa55word");
          browser.findElement(By.id("login")).click();
          assertTrue(browser.getCurrentUrl().startsWith(b.url()), "completed on node B: "
              + browser.getCurrentUrl());
          assertTrue(browser.findElement(By.id("who")).getText().contains("张三"));
          shot(browser, "11-login-begun-on-a-completed-on-b");
          browser.get(a.url() + "/app/");
          assertTrue(browser.findElement(By.id("who")).getText().contains("张三"),
              "recognised on node A");

          redis.stop();
          browser.get(a.url() + "/app/");
          assertTrue(browser.getPageSource().contains("STATE_UNAVAILABLE"),
              browser.getPageSource());
          shot(browser, "12-redis-down-refused");
          redis.up();
          java.time.Instant deadline = java.time.Instant.now().plusSeconds(15);
          boolean back = false;
          while (!back && java.time.Instant.now().isBefore(deadline)) {
            browser.get(b.url() + "/app/");
            back = !browser.findElements(By.id("who")).isEmpty()
                && browser.findElement(By.id("who")).getText().contains("张三");
            if (!back) {
              Thread.sleep(200);
            }
          }
          assertTrue(back, "signed in again through the platform once Redis answers: "
              + browser.getCurrentUrl());
          browser.findElement(By.id("logout")).click();
          browser.get(a.url() + "/app/");
          assertTrue(browser.getCurrentUrl().startsWith(platform.issuer() + "/auth"),
              "logged out on node A too: " + browser.getCurrentUrl());
          shot(browser, "13-logged-out-on-both-nodes");
        } finally {
          browser.quit();
        }
      }
    }
  }

  @Test
  void oneSignOn_inARealBrowser() throws Exception {
    try (SamplePlatform platform = new SamplePlatform()) {
      platform.addUser(new SamplePlatform.User("zhangsan", "pa55word", "张三",
          "11010519491231002X", 3));
      try (DepartmentApp a = new DepartmentApp("某某市市场监督管理局", "dept-a", "secret-a",
          platform.issuer(), 0); DepartmentApp b = new DepartmentApp("某某市税务局", "dept-b",
          "secret-b", platform.issuer(), 0)) {
        for (String[] c : new String[][] {{"dept-a", "secret-a", a.url()},
            {"dept-b", "secret-b", b.url()}}) {
          platform.addClient(new SamplePlatform.Client(c[0], c[1],
              URI.create(c[2] + "/sso/callback"), URI.create(c[2] + "/sso/backchannel-logout")));
        }
        WebDriver browser = chromium();
        try {
          browser.get(a.url() + "/app/");
          assertTrue(browser.getCurrentUrl().startsWith(platform.issuer() + "/auth"),
              browser.getCurrentUrl());
          shot(browser, "01-platform-login");
          browser.findElement(By.id("username")).sendKeys("zhangsan");
          browser.findElement(By.id("password")).sendKeys("pa55word");
          browser.findElement(By.id("login")).click();
          assertTrue(browser.findElement(By.id("who")).getText().contains("张三"),
              browser.getPageSource());
          shot(browser, "02-app-a-logged-in");
          browser.get(b.url() + "/app/");
          assertTrue(browser.getCurrentUrl().startsWith(b.url()), "no second login: "
              + browser.getCurrentUrl());
          assertTrue(browser.findElement(By.id("who")).getText().contains("张三"));
          shot(browser, "03-app-b-without-second-login");
          browser.findElement(By.id("logout")).click();
          shot(browser, "04-logged-out");
          for (DepartmentApp app : new DepartmentApp[] {a, b}) {
            browser.get(app.url() + "/app/");
            assertTrue(browser.getCurrentUrl().startsWith(platform.issuer() + "/auth"),
                "asks for a login again: " + browser.getCurrentUrl());
            assertTrue(!browser.findElements(By.id("username")).isEmpty());
          }
          shot(browser, "05-login-asked-again");
        } finally {
          browser.quit();
        }
      }
    }
  }
}
