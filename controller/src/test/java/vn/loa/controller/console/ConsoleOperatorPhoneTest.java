package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestController;

/**
 * An operator on a phone (412×915) in a real headless Chromium against a real controller with real agents
 * (issue 15): a schedule and a non-emergency announcement created through the UI only, targets found with
 * the picker's search; a schedule, a quiet rule and an announcement the server refuses, each reason shown in
 * Vietnamese (times to the second, no field name or English text); EMERGENCY stopped at its second
 * confirmation, which names what it reaches; and on every page passed, every visible text is from the Vietnamese catalogue (or data the test put there), none
 * is {@code null}, {@code undefined} or a raw ALL_CAPS code, and nothing is wider than the screen.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(300)
class ConsoleOperatorPhoneTest {
    private static final String OPERATOR = "vanhanh-huule";
    private static final String PASSWORD = "mat-khau-rat-dai-456";
    private static final String BULLETIN = "Bản tin thời sự buổi sáng";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void anOperatorSchedulesAndAnnouncesFromAPhoneInVietnamese() throws Exception {
        ConsoleFixture f = new ConsoleFixture(dir);
        open.add(f);
        // the material (an account, a bulletin) is set up through the API; what the operator does is UI only
        ApiClient.Response acc = f.admin.post("/api/v1/accounts",
                Map.of("username", OPERATOR, "password", PASSWORD, "role", "OPERATOR", "scopeAreaId", f.province));
        assertThat(acc.status()).as(acc.body()).isEqualTo(201);
        Path mp3 = Audio.mp3(dir, "thoi-su.mp3", 3.0);
        ApiClient.Response up = f.admin.upload("/api/v1/bulletins", BULLETIN, "thoi-su.mp3", Files.readAllBytes(mp3));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        long bulletinId = up.json().get("id").asLong();

        Browser b = Browser.open(f.httpPort(), dir.resolve("chromium"), false);
        open.add(b);
        b.size(412, 915);
        b.signIn(OPERATOR, PASSWORD);
        List<String> data = new ArrayList<>(List.of(OPERATOR, BULLETIN, "Tỉnh Lạng Sơn", "Xã Đội Cấn", "Xã Hữu Lễ",
                "Cụm loa chợ", "Cụm loa trường học", "Loa", "admin", "05:30, 17:00",
                "xã Đội Cấn", "thôn Nà Sla", "xã Hữu Lễ"));
        f.stations.forEach(s -> data.add(s.name()));
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#stat-online").equals("3"));
        b.assertVietnameseAndFits("dashboard", data);

        // ---- a schedule, once, 10 minutes ahead, on the Hữu Lễ station found by searching "huu le"
        Instant at = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh")).format(at);
        b.go("/schedules");
        b.find("#schedule-form");
        assertThat(new Select(b.find("#sch-priority")).getFirstSelectedOption().getAttribute("value")).isEqualTo("NORMAL");
        String huuLe = "#sch-station-" + f.stations.get(2).id();
        assertThat(b.driver().findElement(org.openqa.selenium.By.cssSelector(huuLe)).isDisplayed())
                .as("the tree starts collapsed below the province").isFalse();
        b.type("#sch-search", "huu le");
        b.click(huuLe);
        assertThat(b.text("#sch-chosen")).isEqualTo("Đã chọn: 1 xã, 1 đài, 2 cụm loa");
        new Select(b.find("#sch-bulletin")).selectByValue(Long.toString(bulletinId));
        b.type("#sch-title", "Thời sự sáng");
        new Select(b.find("#sch-type")).selectByValue("once");
        // a time already past is refused in Vietnamese, its times to the second without fractions (issue 15)
        String past = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(Instant.now().minus(2, ChronoUnit.HOURS));
        b.js("const e = document.getElementById('sch-at'); e.value = arguments[0]; e.dispatchEvent(new Event('input'));", past);
        b.click("#sch-create");
        b.waitFor(Duration.ofSeconds(15)).until(d -> !b.text("#schedule-error").isEmpty());
        assertThat(b.text("#schedule-error"))
                .startsWith("quy tắc không bao giờ phát nữa: giờ phát (")
                .containsPattern("\\(\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\) không sau thời điểm hiện tại "
                        + "\\(\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\)$")
                .doesNotContain("rule.at").doesNotContainPattern(":\\d{2}\\.\\d");
        assertThat(f.admin.get("/api/v1/schedules").json()).isEmpty();
        // the browser logs the expected 400 (reading the log empties it, so the final check sees only what follows)
        assertThat(b.severeLogs()).as("browser console errors").singleElement().asString()
                .contains("/api/v1/schedules - Failed to load resource: the server responded with a status of 400");
        b.js("const e = document.getElementById('sch-at'); e.value = arguments[0]; e.dispatchEvent(new Event('input'));", local);
        new Select(b.find("#sch-on-preempt")).selectByValue("RESTART");
        new Select(b.find("#sch-hard-time")).selectByValue("WAIT");
        b.click("#sch-create");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#schedule-list").contains("Thời sự sáng"));
        data.add("Thời sự sáng");
        JsonNode stored = f.admin.get("/api/v1/schedules").json().get(0);
        assertThat(stored.get("onPreempt").asText()).isEqualTo("RESTART");
        assertThat(stored.get("hardTime").get("mode").asText()).isEqualTo("WAIT");
        assertThat(stored.get("targets").get("stationIds").get(0).asLong()).isEqualTo(f.stations.get(2).id());
        b.screenshot("phone-schedules");
        b.assertVietnameseAndFits("schedules", data);

        // ---- a quiet rule the server refuses (a volume cut beyond -40 dB): its reason in Vietnamese (issue 15)
        b.type("#quiet-name", "Giờ nghỉ trưa");
        data.add("Giờ nghỉ trưa");
        new Select(b.find("#quiet-station")).selectByValue(Long.toString(f.stations.get(2).id()));
        new Select(b.find("#quiet-effect")).selectByValue("ATTENUATE");
        b.js("const e = document.getElementById('quiet-gain'); e.removeAttribute('min'); e.value = '-50';");
        b.click("#quiet-add");
        b.waitFor(Duration.ofSeconds(15)).until(d -> !b.text("#quiet-error").isEmpty());
        assertThat(b.text("#quiet-error")).isEqualTo("mức giảm (dB): phải từ -40 đến 0");
        assertThat(f.admin.get("/api/v1/quiet-rules").json()).isEmpty();
        b.assertVietnameseAndFits("quiet-refused", data);
        assertThat(b.severeLogs()).as("browser console errors").singleElement().asString()
                .contains("/api/v1/quiet-rules - Failed to load resource: the server responded with a status of 400");

        // ---- a non-emergency announcement: NORMAL by default, no second confirmation, no "null" line
        b.go("/announce");
        b.find("#ann-form");
        assertThat(new Select(b.find("#ann-priority")).getFirstSelectedOption().getAttribute("value")).isEqualTo("NORMAL");
        b.type("#ann-title", "Thông báo họp dân");
        data.add("Thông báo họp dân");
        b.type("#ann-search", "Nà Sla");
        b.click("#ann-station-" + f.stations.get(1).id());
        assertThat(b.text("#ann-chosen")).isEqualTo("Đã chọn: 1 xã, 1 đài, 2 cụm loa");
        new Select(b.find("#ann-bulletin")).selectByValue(Long.toString(bulletinId));
        b.js("document.getElementById('ann-chime').checked = false;");
        // a start already past is refused in Vietnamese, to the second without fractions (issue 15)
        b.js("const e = document.getElementById('ann-start-at'); e.value = arguments[0]; e.dispatchEvent(new Event('input'));", past);
        b.click("#ann-send");
        b.click("#ann-confirm");
        b.waitFor(Duration.ofSeconds(15)).until(d -> !b.text("#ann-error").isEmpty());
        assertThat(b.text("#ann-error")).matches("giờ bắt đầu: \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:00 đã qua")
                .doesNotContain("startAt").doesNotContainPattern(":\\d{2}\\.\\d");
        b.assertVietnameseAndFits("announce-refused", data);
        assertThat(b.severeLogs()).as("browser console errors").singleElement().asString()
                .contains("/api/v1/announcements - Failed to load resource: the server responded with a status of 400");
        b.js("const e = document.getElementById('ann-start-at'); e.value = ''; e.dispatchEvent(new Event('input'));");
        b.click("#ann-send");
        b.find("#ann-dialog");
        String summary = b.text("#ann-dialog");
        assertThat(summary).contains("Thông báo họp dân").contains("Thông thường").contains("1 xã, 1 đài, 2 cụm loa")
                .doesNotContain("null").doesNotContain("undefined");
        b.assertVietnameseAndFits("announce-confirm", data);
        b.click("#ann-confirm");
        assertThat(b.find("#ann-status").isDisplayed()).isTrue();
        assertThat(b.driver().findElement(org.openqa.selenium.By.id("ann-emergency-dialog")).isDisplayed()).isFalse();
        b.waitFor(Duration.ofSeconds(40)).until(d -> "DONE".equals(b.attr("#ann-state", "data-state")));
        b.screenshot("phone-announce-done");
        b.assertVietnameseAndFits("announce-done", data);
        int announcements = f.admin.get("/api/v1/plays").json().size();

        // ---- EMERGENCY is an explicit choice and needs a second confirmation naming stations and zones
        b.go("/");
        b.find("#stat-online");
        b.go("/announce");
        b.find("#ann-form");
        b.type("#ann-title", "Khẩn cấp thử");
        data.add("Khẩn cấp thử");
        new Select(b.find("#ann-priority")).selectByValue("EMERGENCY");
        b.click("#ann-area-" + f.province);
        new Select(b.find("#ann-bulletin")).selectByValue(Long.toString(bulletinId));
        b.click("#ann-send");
        b.click("#ann-confirm");
        b.find("#ann-emergency-dialog");
        assertThat(b.text("#ann-emergency-reach")).isEqualTo(
                "Thông báo khẩn cấp sẽ ngắt mọi chương trình đang phát và phát hết cỡ trên 3 đài, 6 cụm loa (2 xã).");
        b.screenshot("phone-emergency-confirm");
        b.assertVietnameseAndFits("emergency-confirm", data);
        b.click("#ann-emergency-cancel");
        assertThat(b.all("#ann-status:not([hidden])")).as("cancelled at the second confirmation").isEmpty();
        assertThat(f.admin.get("/api/v1/plays").json().size()).isEqualTo(announcements);

        // ---- the as-run log: the title, the priority and the outcome in words
        b.go("/plays");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#plays-table").contains("Thông báo họp dân"));
        assertThat(b.text("#plays-table")).contains("Thông thường").contains("Đã phát").doesNotContain("#");
        b.screenshot("phone-plays");
        b.assertVietnameseAndFits("plays", data);
        assertThat(b.severeLogs()).as("browser console errors").isEmpty();
    }
}
