package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.TestController;

/**
 * The station page's hardware-file form (docs/configuration.md): a file with mistakes is listed error by error with
 * its line, in Vietnamese first, and nothing is pushed; a valid file is pushed and appears in the station's
 * configuration history, staged by the agent.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class ConsoleStationConfigTest {
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
    void errorsAreListedByLineAndAValidFileIsPushedIntoTheHistory() throws Exception {
        fixture = new ConsoleFixture(dir);
        browser = Browser.open(fixture.httpPort(), dir.resolve("chromium"), false);
        long id = fixture.stations.get(0).id();
        long zone = fixture.admin.get("/api/v1/stations/" + id).json().path("zones").get(0).path("id").asLong();
        browser.signIn("admin", TestController.ADMIN_PASSWORD);
        browser.go("/stations/" + id);
        browser.find("#station-config");
        assertThat(browser.text("#cfg-history")).contains("Chưa gửi cấu hình nào");

        browser.type("#cfg-file", "amplifier.gpio = 17\nzone." + zone + ".gpio = 40\nnonsense\n");
        browser.click("#cfg-push");
        browser.waitFor(Duration.ofSeconds(15)).until(d -> browser.all("#cfg-errors li").size() == 2);
        assertThat(browser.text("#cfg-errors")).contains("Dòng 2", "Dòng 3");
        assertThat(fixture.admin.get("/api/v1/stations/" + id + "/config-history").json()).as("nothing pushed").isEmpty();

        browser.type("#cfg-file", "# tủ loa chợ\namplifier.gpio = 17\nzone." + zone + ".gpio = 27\n");
        browser.click("#cfg-validate");
        browser.waitFor(Duration.ofSeconds(15)).until(d -> browser.text("#cfg-result").contains("Tệp hợp lệ"));
        browser.click("#cfg-push");
        browser.waitFor(Duration.ofSeconds(30)).until(d -> browser.text("#cfg-history").contains("Chờ đài rảnh"));

        // the agent settings, in the second text area: the station id is never pushed, refused on its line
        browser.type("#set-file", "controller = loa.example.vn:7070\nstation = 99\n");
        browser.click("#set-push");
        browser.waitFor(Duration.ofSeconds(15)).until(d -> browser.all("#set-errors li").size() == 1);
        assertThat(browser.text("#set-errors")).contains("Dòng 2", "station id cannot be pushed");
        browser.type("#set-file", "controller = loa.example.vn:7070\ndataQuotaMiB = 3072\n");
        browser.click("#set-push");
        browser.waitFor(Duration.ofSeconds(30)).until(d -> browser.all("#cfg-history tr[data-push-id], #cfg-history [data-push-id]")
                .size() >= 2);
        assertThat(browser.text("#cfg-history")).contains("Cài đặt");
        assertThat(browser.severeLogs()).as("browser console errors").isEmpty();
    }
}
