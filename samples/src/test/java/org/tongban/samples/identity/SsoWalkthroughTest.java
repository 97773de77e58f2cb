package org.tongban.samples.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample platform and two department apps: one sign-on and single logout. */
class SsoWalkthroughTest {
  @Test
  void logInOnce_reachBothApps_logOutOfBoth() throws Exception {
    try (SamplePlatform platform = new SamplePlatform()) {
      platform.addUser(new SamplePlatform.User("zhangsan", "pa55word", "张三",
          "11010519491231002X", 3));
      try (DepartmentApp a = new DepartmentApp("市场监管局", "dept-a", "secret-a",
          platform.issuer(), 0); DepartmentApp b = new DepartmentApp("税务局", "dept-b",
          "secret-b", platform.issuer(), 0)) {
        for (String[] c : new String[][] {{"dept-a", "secret-a", a.url()},
            {"dept-b", "secret-b", b.url()}}) {
          platform.addClient(new SamplePlatform.Client(c[0], c[1],
              URI.create(c[2] + "/sso/callback"), URI.create(c[2] + "/sso/backchannel-logout")));
        }
        List<SsoWalkthrough.Step> steps = new SsoWalkthrough().run(platform, a, b, "zhangsan",
            "pa55word");
        assertEquals(6, steps.size());
        for (SsoWalkthrough.Step s : steps) {
          assertTrue(s.ok(), s.toString());
        }
        assertTrue(steps.get(1).detail().contains("张三"), steps.get(1).toString());
      }
    }
  }
}
