package org.tongban.samples.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sign-on, walked through as a browser would (an HTTP client with cookies, following
 * redirects itself): log in once at the platform from app A, reach app B without logging in
 * again, log out at app A, and find both apps asking for a login again. Used by the demo and
 * its test; the headless-browser test drives the same pages in Chromium.
 */
public final class SsoWalkthrough {
  /** One step and whether it behaved as expected. */
  public record Step(String what, boolean ok, String detail) {}

  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String url) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Follows redirects, returning the last response (a page, not a redirect). */
  private HttpResponse<String> follow(HttpResponse<String> r) throws Exception {
    int hops = 0;
    while (r.statusCode() == 302 && hops++ < 10) {
      URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
      r = get(next.toString());
    }
    return r;
  }

  /**
   * Runs the walk-through.
   *
   * @param platform the identity platform
   * @param appA the first department app
   * @param appB the second department app
   * @param username who logs in
   * @param password the password
   * @return the steps
   * @throws Exception if an HTTP exchange fails outright
   */
  public List<Step> run(SamplePlatform platform, DepartmentApp appA, DepartmentApp appB,
      String username, String password) throws Exception {
    List<Step> steps = new ArrayList<>();
    HttpResponse<String> loginPage = follow(get(appA.url() + "/app/"));
    boolean isLogin = loginPage.uri().toString().startsWith(platform.issuer() + "/auth")
        && loginPage.body().contains("id=\"username\"");
    steps.add(new Step("app A sends the browser to the platform's login page", isLogin,
        loginPage.uri().getPath()));
    HttpResponse<String> a = follow(submitLogin(loginPage, username, password));
    steps.add(new Step("log in once; app A greets the person", a.body().contains("您好"),
        who(a.body())));
    HttpResponse<String> b = follow(get(appB.url() + "/app/"));
    steps.add(new Step("app B: logged in without a second login (one sign-on)",
        b.body().contains("您好") && !b.body().contains("id=\"username\""), who(b.body())));
    HttpResponse<String> out = follow(get(appA.url() + "/sso/logout"));
    steps.add(new Step("log out at app A (platform logout, back-channel to both apps)",
        out.statusCode() == 200 && platform.liveSessions() == 0,
        "platform sessions " + platform.liveSessions()));
    for (DepartmentApp app : List.of(appA, appB)) {
      HttpResponse<String> again = follow(get(app.url() + "/app/"));
      steps.add(new Step((app == appA ? "app A" : "app B") + " asks for a login again",
          again.body().contains("id=\"username\""), again.uri().getPath()));
    }
    return steps;
  }

  /** Posts the platform's login form with its hidden fields. */
  private HttpResponse<String> submitLogin(HttpResponse<String> page, String username,
      String password) throws Exception {
    StringBuilder form = new StringBuilder();
    Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
        .matcher(page.body());
    while (m.find()) {
      form.append(URLEncoder.encode(unescape(m.group(1)), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(unescape(m.group(2)), StandardCharsets.UTF_8)).append('&');
    }
    form.append("username=").append(URLEncoder.encode(username, StandardCharsets.UTF_8))
        .append("&password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
    return browser.send(HttpRequest.newBuilder(page.uri().resolve("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String who(String html) {
    Matcher m = Pattern.compile("<p id=\"who\">(.*?)( <a|</p>)").matcher(html);
    return m.find() ? m.group(1) : "-";
  }
}
