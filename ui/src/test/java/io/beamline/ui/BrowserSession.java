package io.beamline.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven like a user: open, click, expect text, a screenshot per step under
 * {@code target/screenshots/}. Uses Debian's {@code chromium} and {@code chromium-driver} (as
 * {@code .ci/run} installs them); Selenium is given both paths, so it never looks for or downloads a
 * driver. Used by the cli module's dashboard test too (test jar).
 */
public final class BrowserSession implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path screenshots;
  private int step;

  private BrowserSession(ChromeDriverService service, ChromeDriver driver, Path screenshots) {
    this.service = service;
    this.driver = driver;
    this.screenshots = screenshots;
  }

  /** Starts the browser; screenshots go to {@code target/screenshots/<name>/}. */
  public static BrowserSession start(String name) throws IOException {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "Browser tests need Debian's chromium and "
        + "chromium-driver at " + CHROMIUM + " and " + DRIVER + ": apt-get install chromium chromium-driver (.ci/run does)");
    Path shots = Path.of("target", "screenshots", name);
    Files.createDirectories(shots);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(shots.resolve("chromedriver.log").toFile())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,1000", "--no-first-run", "--disable-extensions");
    service.start();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new BrowserSession(service, driver, shots);
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  public BrowserSession open(String url) {
    driver.get(url);
    return this;
  }

  /** Clicks the first link whose text is {@code text} (exactly). */
  public BrowserSession clickLink(String text) {
    driver.findElement(By.linkText(text)).click();
    return this;
  }

  public BrowserSession click(By by) {
    driver.findElement(by).click();
    return this;
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public java.util.List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public String title() {
    return driver.getTitle();
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  /** Waits up to {@code seconds} for the page's text to contain {@code expected}. */
  public BrowserSession waitForText(String expected, int seconds) {
    new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(d -> text().contains(expected));
    return this;
  }

  public BrowserSession waitUntil(java.util.function.Predicate<BrowserSession> condition, int seconds) {
    new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(d -> condition.test(this));
    return this;
  }

  /** Reads inside the frame {@code frame} (the components' pages are framed), then comes back. */
  public String frameText(By frame) {
    driver.switchTo().frame(driver.findElement(frame));
    try {
      return driver.findElement(By.tagName("body")).getText();
    } finally {
      driver.switchTo().defaultContent();
    }
  }

  /** Saves {@code NN-name.png} and returns its path. */
  public Path screenshot(String name) {
    File png = driver.getScreenshotAs(OutputType.FILE);
    Path to = screenshots.resolve(String.format("%02d-%s.png", ++step, name));
    try {
      Files.copy(png.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
