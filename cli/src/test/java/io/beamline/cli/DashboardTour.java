package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.ui.BrowserSession;
import io.beamline.ui.Dashboard;
import java.nio.file.Path;
import org.openqa.selenium.By;

/**
 * A user's first look at the dashboard after {@code beamline demo}, in headless Chromium: the runs
 * page, the run with seven COMPLETE steps and one step's log, the statistics artifact with the taxi
 * features, and lineage from the pushed model back to the Examples. DemoTest runs it on its first
 * demo's home, so no second pipeline run is paid for. Screenshots in {@code target/screenshots/demo/}.
 */
final class DashboardTour {
  private DashboardTour() {}

  static void walk(Path home) throws Exception {
    try (Dashboard.Server ui = Dashboard.over(home).withPort(0).start();
        BrowserSession b = BrowserSession.start("demo")) {
      b.open(ui.uri() + "runs");
      assertTrue(b.text().contains("chicago_taxi"), b.text());
      b.screenshot("runs");

      b.click(By.partialLinkText("chicago_taxi-"));
      assertEquals(7, b.findAll(By.cssSelector("table.steps .s-COMPLETE")).size(), b.text());
      assertEquals(7, b.findAll(By.cssSelector("svg.graph g.s-COMPLETE")).size(), "seven green steps in the graph");
      b.screenshot("run");

      b.clickLink("StatisticsGen");
      b.waitForText("beamline: node StatisticsGen (StatisticsGen) runs as execution", 10);
      assertTrue(b.text().contains("Parameters") && b.text().contains("ExampleStatistics"), b.text());
      b.screenshot("step-log");

      b.click(By.cssSelector("section.execution table:last-of-type a[href^='/artifacts/']"));
      b.waitForText("Statistics", 10);
      String stats = b.frameText(By.cssSelector("iframe.page"));
      assertTrue(stats.contains("Numeric features") && stats.contains("trip_miles") && stats.contains("fare"), stats);
      b.screenshot("statistics");

      b.open(ui.uri() + "artifacts?type=PushedModel");
      b.click(By.cssSelector("table.artifacts td a"));
      assertTrue(b.text().contains("Version "), b.text());
      b.clickLink("Lineage");
      b.clickLink("up");
      assertTrue(b.findAll(By.cssSelector("table.lineage tr")).stream().anyMatch(r -> r.getText().contains("Examples")),
          b.text());
      b.screenshot("lineage");
      // Click to move: from the Examples node, downstream reaches the pushed model again.
      b.click(By.xpath("//*[local-name()='a'][.//*[local-name()='text' and text()='Examples']]"));
      b.clickLink("down");
      assertTrue(b.url().contains("/lineage/artifacts/"), b.url());
      assertTrue(b.text().contains("PushedModel"), b.text());
      b.screenshot("lineage-from-examples");
    }
  }
}
