package io.beamline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.orchestrator.BlockedRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard reads the store live: started on an empty home, it shows a pipeline that another
 * process then runs, its step RUNNING, and the same step COMPLETE once the process lets it finish,
 * with no restart.
 */
class DashboardLiveTest {
  @TempDir Path home;

  @Test
  void aRunInAnotherProcessAppearsAndItsStepChangesState() throws Exception {
    try (Dashboard.Server ui = Dashboard.over(home).withPort(0).start();
        BrowserSession browser = BrowserSession.start("live")) {
      browser.open(ui.uri() + "runs");
      assertTrue(browser.text().contains("No pipeline runs here yet"), browser.text());
      BlockedRun child = BlockedRun.start(home.resolve("metadata.sqlite"), home.resolve("artifacts"), home);
      try {
        child.awaitInsideNode();
        browser.open(ui.uri() + "runs").waitForText(BlockedRun.PIPELINE + "-", 30);
        browser.screenshot("run-listed");
        browser.click(By.partialLinkText(BlockedRun.PIPELINE + "-"));
        browser.waitForText("Block", 10);
        assertEquals("RUNNING", stepState(browser), browser.text());
        browser.screenshot("step-running");

        assertEquals(0, child.release(), child.log());
        // The run page reloads itself while the run is RUNNING.
        browser.waitUntil(b -> "COMPLETE".equals(stepState(b)), 30);
        browser.screenshot("step-complete");
        assertTrue(browser.text().contains("Run " + BlockedRun.PIPELINE + "-"), browser.text());
      } finally {
        child.stop();
      }
    }
  }

  /**
   * The state shown in the steps table's row of the Block step. The page reloads itself every two
   * seconds while the run is RUNNING, so a row found just before a reload is stale when read: read
   * the new page instead.
   */
  private static String stepState(BrowserSession b) {
    for (int attempt = 0; ; attempt++) {
      try {
        return b.findAll(By.cssSelector("table.steps tr")).stream()
            .filter(r -> r.getText().startsWith("Block "))
            .map(r -> r.findElement(By.cssSelector(".state")).getText())
            .findFirst().orElse("");
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }
}
