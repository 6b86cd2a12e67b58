package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), driven by Selenium with
 * the binaries named explicitly, so Selenium Manager never downloads anything. Screenshots go to
 * {@code target/console-screenshots}, outside the sources.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    /** The page check of console/visible-texts.js (test resources), read once. */
    private static final String VISIBLE_TEXTS = resource("/console/visible-texts.js");

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** @param fakeMicrophone give the page a fake microphone (a beeping test signal) without asking */
    static Browser open(int httpPort, Path profileDir, boolean fakeMicrophone) throws IOException {
        return open(httpPort, profileDir, fakeMicrophone, null);
    }

    /** @param microphoneWav with a fake microphone: what it "hears" (a WAV chromium plays in a loop), or null for its beeps */
    static Browser open(int httpPort, Path profileDir, boolean fakeMicrophone, Path microphoneWav) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the console tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Files.createDirectories(profileDir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=1280,900",
                "--lang=vi-VN", "--autoplay-policy=no-user-gesture-required");
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        if (fakeMicrophone) {
            options.addArguments("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
            if (microphoneWav != null) {
                options.addArguments("--use-file-for-fake-audio-capture=" + microphoneWav.toAbsolutePath());
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://127.0.0.1:" + httpPort);
    }

    ChromeDriver driver() {
        return driver;
    }

    void go(String hashPath) {
        driver.get(base + "/#" + hashPath);
    }

    String base() {
        return base;
    }

    WebElement find(String css) {
        return waitFor(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement present(String css) {
        return waitFor(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The rendered text of the first match, read in one script step (pages re-render while polling). */
    String text(String css) {
        Object t = js("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
        return t == null ? "" : t.toString();
    }

    /** An attribute of the first match, or null, read in one script step. */
    String attr(String css, String name) {
        Object v = js("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name);
        return v == null ? null : v.toString();
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    void click(String css) {
        waitFor(Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriverWait waitFor(Duration d) {
        WebDriverWait wait = new WebDriverWait(driver, d);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    void signIn(String user, String password) {
        go("/");
        type("#username", user);
        type("#password", password);
        click("#signin-btn");
        // present, not visible: on a phone the navigation is folded into the menu button
        waitFor(Duration.ofSeconds(15)).until(d -> text("#user-name").startsWith(user + " · "));
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot under target/console-screenshots and returns its path. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path out = SCREENSHOTS.resolve(name + ".png");
        Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
        return out;
    }

    /**
     * Script errors of the page (uncaught exceptions, failed module loads). HTTP error answers the console
     * expects and shows (the 401 of "who am I" before signing in, a 403 refusal) are not script errors.
     */
    List<String> severeLogs() {
        return driver.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage())
                .filter(m -> !m.matches("(?s).*/api/v1/.* - Failed to load resource: the server responded with a status of 40[13] .*"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * Every visible text node of the page: each fragment with letters, once the test's own {@code data} is taken
     * out, is part of a text of the Vietnamese catalogue; no null, undefined or raw code; no horizontal
     * scrolling at the window's width.
     */
    void assertVietnameseAndFits(String page, List<String> data) {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) driver.executeAsyncScript(VISIBLE_TEXTS, data);
        org.assertj.core.api.Assertions.assertThat(problems).as("texts on " + page).isEmpty();
    }

    private static String resource(String name) {
        try (var in = Browser.class.getResourceAsStream(name)) {
            return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
