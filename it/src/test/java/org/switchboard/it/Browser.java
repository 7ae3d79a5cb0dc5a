package org.switchboard.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class, driven through the system's chromedriver. Register it as a static
 * field; it starts before the first test of the class and quits after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Browser browser = new Browser();
 * ...
 * browser.driver().get(base + "login");
 * browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.titleIs("Switchboard"));
 * }</pre>
 *
 * <p>Selenium Manager never runs: the driver executable and the browser binary are both given
 * ({@code webdriver.chrome.driver}, default {@code /usr/bin/chromedriver}; {@code switchboard.test.chromium},
 * default {@code /usr/bin/chromium}). Each browser gets a fresh profile and English as its language. When a
 * test fails, a screenshot and the page source go to {@code target/browser-failures/<server>/}.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final Logger LOG = Logger.getLogger(Browser.class.getName());
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);

    private WebDriver driver;
    private Path profile;

    /** The browser of the current test class. */
    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("No browser: register Browser as a static @RegisterExtension field");
        }
        return driver;
    }

    /** A wait for conditions in the page (never sleep). */
    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver(), timeout);
    }

    /** A wait of 15 seconds. */
    public WebDriverWait waitFor() {
        return waitUpTo(DEFAULT_WAIT);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        String chromedriver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        String chromium = System.getProperty("switchboard.test.chromium", "/usr/bin/chromium");
        requireExecutable(chromedriver, "webdriver.chrome.driver");
        requireExecutable(chromium, "switchboard.test.chromium");
        profile = Files.createTempDirectory("switchboard-chromium-");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(List.of(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=en-US", "--window-size=1280,1024"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            deleteProfile();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        Path dir = Paths.get("target", "browser-failures", TestSettings.container());
        try {
            Files.createDirectories(dir);
            File screenshot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(screenshot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(name + ".html"),
                    "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
            LOG.warning(() -> "Browser state of the failed test saved in " + dir.toAbsolutePath() + "/" + name + ".*");
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "Could not save the browser state of " + name, e);
        }
    }

    private void deleteProfile() throws IOException {
        if (profile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (UncheckedIOException e) {
            LOG.log(Level.FINE, "Profile " + profile + " not fully deleted", e);
        }
        profile = null;
    }

    private static void requireExecutable(String path, String property) {
        if (!new File(path).canExecute()) {
            throw new IllegalStateException(path + " (" + property + ") is not executable: install Chromium and"
                    + " its driver (apt-get install -y chromium chromium-driver) or set -D" + property);
        }
    }
}
