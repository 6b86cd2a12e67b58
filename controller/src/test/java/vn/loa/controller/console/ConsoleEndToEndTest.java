package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestController;

/**
 * The web console in a real headless Chromium against a real controller with real agents: sign in, upload
 * (with progress), listen, schedule (calendar and conflicts), an urgent announcement watched station by
 * station, a station going offline on the dashboard, the language switch, a phone-sized window, the
 * microphone, and a scope violation refused with the server's reason.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(240)
class ConsoleEndToEndTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ConsoleFixture fixture() throws Exception {
        ConsoleFixture f = new ConsoleFixture(dir);
        open.add(f);
        return f;
    }

    private Browser browser(ConsoleFixture f, boolean mic) throws Exception {
        Browser b = Browser.open(f.httpPort(), dir.resolve("chromium-" + open.size()), mic);
        open.add(b);
        return b;
    }

    @Test
    void signInUploadListenScheduleAndAnnounce() throws Exception {
        ConsoleFixture f = fixture();
        Browser b = browser(f, false);

        // a wrong password is refused with a clear message, then the right one signs in
        b.go("/");
        b.type("#username", "admin");
        b.type("#password", "not-the-password");
        b.click("#signin-btn");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#signin-error").contains("Sai tên đăng nhập"));
        b.type("#password", TestController.ADMIN_PASSWORD);
        b.click("#signin-btn");
        b.find("#nav-dashboard");
        assertThat(b.text("#user-name")).contains("admin").contains("Quản trị");

        // upload an MP3 through the file input: the progress bar shows, the bulletin appears with its duration
        Path mp3 = Audio.mp3(dir, "ban-tin-sang.mp3", 4.0);
        b.go("/bulletins");
        b.type("#bulletin-title", "Bản tin sáng thứ Hai");
        b.find("#bulletin-file").sendKeys(mp3.toAbsolutePath().toString());
        b.click("#bulletin-upload");
        WebElement row = b.waitFor(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#bulletin-list tr[data-bulletin-id]"))
                .stream().filter(r -> r.getText().contains("Bản tin sáng thứ Hai")).findFirst().orElse(null));
        assertThat(b.present("#upload-progress").getAttribute("data-max")).isEqualTo("100");
        assertThat(b.text("#upload-progress-text")).contains("Đã lưu bản tin").contains("0:04");
        assertThat(row.findElement(By.cssSelector(".duration")).getText()).isEqualTo("0:04");
        long bulletinId = Long.parseLong(row.getAttribute("data-bulletin-id"));

        // listen: the browser decodes the WAV the controller streams and knows its duration
        row.findElement(By.cssSelector("button.listen")).click();
        Object duration = b.waitFor(Duration.ofSeconds(15)).until(d -> b.js(
                "const a = document.getElementById('audio-" + bulletinId + "'); return a && a.readyState >= 1 ? a.duration : null;"));
        assertThat(((Number) duration).doubleValue()).isBetween(3.9, 4.1);

        // schedule it once on the first station, 10 minutes ahead: listed with its next run, shown in the week
        Instant at = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh")).format(at);
        b.go("/schedules");
        new Select(b.find("#sch-bulletin")).selectByValue(Long.toString(bulletinId));
        new Select(b.find("#sch-type")).selectByValue("once");
        b.js("const e = document.getElementById('sch-at'); e.value = arguments[0]; e.dispatchEvent(new Event('input'));", local);
        // the picker is a collapsed tree: search finds the station and opens its commune
        b.type("#sch-search", "Đội Cấn");
        b.click("#sch-station-" + f.stations.get(0).id());
        b.click("#sch-create");
        WebElement scheduleRow = b.waitFor(Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("#schedule-list tr[data-schedule-id]"))
                .stream().findFirst().orElse(null));
        assertThat(scheduleRow.getText()).contains("Bản tin sáng thứ Hai").contains("Một lần");
        assertThat(scheduleRow.findElement(By.cssSelector(".next-runs")).getText()).isNotEqualTo("—");
        // the week calendar holds the run unless it falls into next week (near Sunday midnight)
        b.waitFor(Duration.ofSeconds(10)).until(d -> !b.all("#calendar .day").isEmpty());
        String todayText = b.text("#calendar");
        assertThat(todayText.contains("Bản tin sáng thứ Hai") || !b.all("#cal-next").isEmpty()).isTrue();
        assertThat(b.text("#no-conflicts")).contains("Không có chỗ trùng giờ");

        // a second schedule at the same minute on the whole province overlaps the first on station 1: a conflict
        new Select(b.find("#sch-bulletin")).selectByValue(Long.toString(bulletinId));
        new Select(b.find("#sch-type")).selectByValue("once");
        b.js("const e = document.getElementById('sch-at'); e.value = arguments[0];", local);
        b.type("#sch-title", "Phát lại");
        b.click("#sch-area-" + f.province);
        b.click("#sch-create");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.all("#schedule-list tr[data-schedule-id]").size() == 2);
        new Select(b.find("#cal-scope")).selectByValue("s" + f.stations.get(0).id());
        if (!b.text("#calendar").contains("Phát lại")) {
            b.click("#cal-next");
        }
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#conflict-list").contains("1 chỗ trùng giờ"));
        assertThat(b.text("#conflict-list")).contains("Đài truyền thanh xã Đội Cấn").contains("Phát lại");

        // an emergency announcement of that bulletin to the whole province: confirm, then watch each station
        b.go("/announce");
        b.type("#ann-title", "Cảnh báo lũ quét");
        new Select(b.find("#ann-priority")).selectByValue("EMERGENCY");
        b.click("#ann-area-" + f.province);
        new Select(b.find("#ann-bulletin")).selectByValue(Long.toString(bulletinId));
        b.js("document.getElementById('ann-chime').checked = false;");
        b.click("#ann-send");
        b.find("#ann-dialog");
        assertThat(b.text("#ann-summary")).contains("Cảnh báo lũ quét").contains("Tỉnh Lạng Sơn").contains("Khẩn cấp");
        b.click("#ann-confirm");
        // an emergency needs a second confirmation naming what it reaches
        b.find("#ann-emergency-dialog");
        assertThat(b.text("#ann-emergency-reach")).contains("3 đài, 6 cụm loa (2 xã)");
        b.click("#ann-emergency-confirm");
        Set<String> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(150)).until(() -> {
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) b.js(
                    "return [...document.querySelectorAll('#ann-stations tbody tr')].map(r => r.dataset.state);");
            seen.addAll(states);
            if (states.contains("PLAYING") && !Files2.exists(Browser.SCREENSHOTS.resolve("announcement.png"))) {
                b.screenshot("announcement");
            }
            // the announcement is judged finished on the pacer's next tick after its last station
            return states.size() == 3 && states.stream().allMatch("DONE"::equals) && "DONE".equals(b.attr("#ann-state", "data-state"));
        });
        assertThat(seen).contains("PLAYING");
        assertThat(b.text("#ann-stations")).contains("Đã phát xong");
        b.screenshot("announcement-done");
        assertThat(b.severeLogs()).as("browser console errors").isEmpty();
    }

    @Test
    void dashboardShowsTheStationsTheMapAndAStationGoingOffline() throws Exception {
        ConsoleFixture f = fixture();
        Browser b = browser(f, false);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#stat-online").equals("3"));
        assertThat(b.text("#stat-offline")).isEqualTo("0");
        // two stations on the map (one by its own coordinates, one by its commune's), one listed aside
        assertThat(b.all("#station-map circle.dot")).hasSize(2);
        assertThat(b.all("#station-map circle.dot.approx")).hasSize(1);
        assertThat(b.text("#map-note")).contains("2/3").contains("gần đúng");
        assertThat(b.present("#map-unplaced").getText()).contains("1 đài chưa có toạ độ");
        b.screenshot("dashboard");

        long third = f.stations.get(2).id();
        String stateCell = "#dash-stations tr[data-station-id='" + third + "'] .state";
        assertThat(b.text(stateCell)).isEqualTo("Trực tuyến");
        f.agents.get(third).close();
        b.waitFor(Duration.ofSeconds(30)).until(d -> b.text(stateCell).equals("Mất kết nối"));
        assertThat(b.text("#stat-offline")).isEqualTo("1");
        b.screenshot("dashboard-offline");
        assertThat(b.severeLogs()).as("browser console errors").isEmpty();
    }

    @Test
    void theLanguageSwitchIsRememberedAcrossReloads() throws Exception {
        ConsoleFixture f = fixture();
        Browser b = browser(f, false);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        assertThat(b.find("#main h1").getText()).isEqualTo("Tổng quan");
        assertThat(b.text("#nav-announce")).isEqualTo("Phát thông báo");
        assertThat(b.js("return document.documentElement.lang")).isEqualTo("vi");
        b.click("#lang-switch");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#main h1").equals("Dashboard"));
        assertThat(b.text("#nav-announce")).isEqualTo("Announce");
        assertThat(b.text("#lang-switch")).isEqualTo("Tiếng Việt");
        b.driver().navigate().refresh();
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#main h1").equals("Dashboard"));
        assertThat(b.js("return document.documentElement.lang")).isEqualTo("en");
        b.click("#lang-switch");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#main h1").equals("Tổng quan"));
    }

    @Test
    void aPhoneSizedWindowShowsTheDashboardWithoutHorizontalScrolling() throws Exception {
        ConsoleFixture f = fixture();
        Browser b = browser(f, false);
        b.size(390, 844);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#stat-online").equals("3"));
        b.find("#station-map");
        Number scrollWidth = (Number) b.js("return document.documentElement.scrollWidth");
        Number clientWidth = (Number) b.js("return document.documentElement.clientWidth");
        assertThat(scrollWidth.intValue()).as("page width on a 390 px phone").isLessThanOrEqualTo(clientWidth.intValue());
        // the navigation folds into a menu button on a phone, and opens from it
        assertThat(b.find("#menu-toggle").getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(b.driver().findElement(By.id("nav-bulletins")).isDisplayed()).isFalse();
        b.click("#menu-toggle");
        b.click("#nav-bulletins");
        b.find("#bulletin-form");
        b.screenshot("phone-bulletins");
        scrollWidth = (Number) b.js("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(clientWidth.intValue());
    }

    @Test
    void aRecordingFromTheMicrophoneBecomesABulletin() throws Exception {
        ConsoleFixture f = fixture();
        Browser b = browser(f, true);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.go("/bulletins");
        b.click("#rec-start");
        b.waitFor(Duration.ofSeconds(20)).until(d -> b.text("#rec-status").matches(".*Đang ghi… [2-9]\\.\\d giây.*"));
        b.click("#rec-stop");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#rec-status").startsWith("Đã ghi"));
        double seconds = Double.parseDouble(b.find("#rec-status").getAttribute("data-seconds"));
        b.type("#bulletin-title", "Ghi âm thử micrô");
        b.click("#bulletin-upload");
        WebElement row = b.waitFor(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#bulletin-list tr[data-bulletin-id]"))
                .stream().filter(r -> r.getText().contains("Ghi âm thử micrô")).findFirst().orElse(null));
        long id = Long.parseLong(row.getAttribute("data-bulletin-id"));
        var stored = f.admin.get("/api/v1/bulletins/" + id).json();
        assertThat(stored.get("durationMs").asLong()).isBetween((long) (seconds * 1000) - 200, (long) (seconds * 1000) + 200);
        assertThat(stored.get("originalName").asText()).isEqualTo("ghi-am.wav");
    }

    @Test
    void aLiveMicrophoneAnnouncementReachesTheStations() throws Exception {
        ConsoleFixture f = fixture();
        Browser b = browser(f, true);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.go("/announce");
        b.type("#ann-title", "Nói trực tiếp");
        new Select(b.find("#ann-priority")).selectByValue("PRIORITY");
        b.type("#ann-search", "Đài truyền thanh xã Đội Cấn");
        b.click("#ann-station-" + f.stations.get(0).id());
        b.click("#ann-src-live");
        b.click("#ann-send");
        b.click("#ann-confirm");
        b.waitFor(Duration.ofSeconds(20)).until(d -> "PLAYING".equals(b.attr("#ann-stations tbody tr", "data-state")));
        b.waitFor(Duration.ofSeconds(20)).until(d -> {
            String s = b.attr("#ann-live-info", "data-seconds");
            return s != null && Double.parseDouble(s) >= 2.0;
        });
        b.click("#ann-live-end");
        b.waitFor(Duration.ofSeconds(30)).until(d -> "DONE".equals(b.attr("#ann-state", "data-state")));
        assertThat(b.attr("#ann-stations tbody tr", "data-state")).isEqualTo("DONE");
        assertThat(f.admin.get("/api/v1/plays?stationId=" + f.stations.get(0).id()).json().get(0).get("outcome").asText())
                .isEqualTo("PLAYED");
    }

    @Test
    void anOperatorWhoseScopeNoLongerCoversTheTargetSeesTheRefusalAndItsReason() throws Exception {
        ConsoleFixture f = fixture();
        Browser b = browser(f, false);
        // the admin creates an operator for the whole province in the console's accounts page
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.go("/accounts");
        b.type("#acc-username", "vanhanh-doican");
        b.type("#acc-password", "mat-khau-rat-dai-123");
        new Select(b.find("#acc-role")).selectByValue("OPERATOR");
        new Select(b.find("#acc-scope")).selectByValue(Long.toString(f.province));
        b.click("#acc-create");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#acc-list").contains("vanhanh-doican"));
        long accountId = f.admin.get("/api/v1/accounts").json().findParents("username").stream()
                .filter(n -> n.get("username").asText().equals("vanhanh-doican")).findFirst().orElseThrow().get("id").asLong();
        b.click("#sign-out");
        b.find("#signin-form");
        Object whoAmI = b.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch('/api/v1/session').then(r => done(r.status));");
        assertThat(((Number) whoAmI).intValue()).as("GET /api/v1/session after signing out").isEqualTo(401);

        // the operator prepares an announcement to the Hữu Lễ station ...
        b.signIn("vanhanh-doican", "mat-khau-rat-dai-123");
        assertThat(b.text("#user-name")).contains("Vận hành");
        assertThat(b.all("#nav-accounts")).isEmpty();
        b.go("/announce");
        b.type("#ann-title", "Thông báo sai địa bàn");
        b.type("#ann-search", "Hữu Lễ");
        b.click("#ann-station-" + f.stations.get(2).id());
        b.click("#ann-src-text");
        b.type("#ann-text", "Thử nghiệm.");
        // ... while an admin narrows the operator's scope to the commune of Đội Cấn
        var narrowed = f.admin.send(f.admin.builder("/api/v1/accounts/" + accountId)
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"scopeAreaId\": " + f.communeA + "}")));
        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
        b.click("#ann-send");
        b.click("#ann-confirm");
        b.waitFor(Duration.ofSeconds(15)).until(d -> !b.text("#ann-error").isEmpty());
        // a station outside the scope answers as one that does not exist (issue 13): the code NOT_FOUND rendered
        // in Vietnamese (docs/api.md#errors)
        assertThat(b.find("#ann-error").getAttribute("data-status")).isEqualTo("404");
        assertThat(b.text("#ann-error")).contains("không có đài số " + f.stations.get(2).id());
        assertThat(b.all("#ann-status:not([hidden])")).as("no announcement was started").isEmpty();
        b.screenshot("scope-refused");
        assertThat(f.admin.get("/api/v1/plays").json()).isEmpty();
    }

    /** Files.exists without a checked exception in a lambda. */
    private static final class Files2 {
        static boolean exists(Path p) {
            return java.nio.file.Files.exists(p);
        }
    }
}
