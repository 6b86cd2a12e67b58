package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.hardware.SensorReadings;

/**
 * The console shows a station in local mode, whichever way it came (the switch at the station, the console's own
 * command), and its two buttons hand the station to the local mixer and back.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class ConsoleLocalModeTest {
    private static final String LOCAL = "Đang phát tại chỗ";

    @TempDir
    Path dir;

    private ConsoleFixture fixture;
    private Browser browser;

    @AfterEach
    void closeAll() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theStationPageShowsLocalModeFromTheSwitchAndSwitchesItWithItsButtons() throws Exception {
        fixture = new ConsoleFixture(dir);
        browser = Browser.open(fixture.httpPort(), dir.resolve("chromium"), false);
        long id = fixture.stations.get(0).id();
        TestAgent agent = fixture.agents.get(id);
        browser.signIn("admin", TestController.ADMIN_PASSWORD);

        browser.go("/stations/" + id);
        browser.find("#station-state");
        agent.devices().sensors().set(new SensorReadings(false, true, false, true)); // the switch at the station
        browser.waitFor(Duration.ofSeconds(30)).until(d -> {
            browser.driver().navigate().refresh(); // the page reads the station when it opens
            return browser.text("#station-state").contains(LOCAL);
        });
        agent.devices().sensors().set(SensorReadings.NOMINAL);
        browser.waitFor(Duration.ofSeconds(30)).until(d -> {
            browser.driver().navigate().refresh();
            return !browser.text("#station-state").contains(LOCAL);
        });

        browser.click("#cmd-local-on");
        browser.waitFor(Duration.ofSeconds(15)).until(d -> browser.text("#station-state").contains(LOCAL));
        assertThat(agent.agent().localMode()).isTrue();
        browser.click("#cmd-local-off");
        browser.waitFor(Duration.ofSeconds(15)).until(d -> !browser.text("#station-state").contains(LOCAL));
        assertThat(agent.agent().localMode()).isFalse();
        assertThat(browser.severeLogs()).as("browser console errors").isEmpty();
    }
}
