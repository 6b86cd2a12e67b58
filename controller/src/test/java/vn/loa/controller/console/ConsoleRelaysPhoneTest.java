package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.web.TestWav;

/**
 * The relay page, the stations page and the dashboard on a phone (412×915) in a real headless Chromium (issue 15):
 * an operator creates a relay with a fallback bulletin through the UI only; its unreachable upstream brings the
 * fallback on air and the relay's alarm, titled in Vietnamese from the server's own Vietnamese field (English
 * after the language switch); a viewer sees the same page read-only. Every page passed fits the screen (no
 * horizontal scrolling: scrollWidth ≤ clientWidth) and shows only texts of the Vietnamese catalogue.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(300)
class ConsoleRelaysPhoneTest {
    private static final String PASSWORD = "mat-khau-rat-dai-789";
    private static final String FALLBACK = "Nhạc chờ tiếp sóng";
    private static final String RELAY = "Tiếp sóng VOV1 buổi tối";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void anOperatorCreatesARelayWithAFallbackAndAViewerSeesItReadOnly() throws Exception {
        ConsoleFixture f = new ConsoleFixture(dir,
                vn.loa.controller.pki.SecurityConfig.off().withRelayAllow(List.of("127.0.0.1")));
        running.add(f);
        for (String[] a : List.of(new String[] {"vanhanh-tiepsong", "OPERATOR"}, new String[] {"xem-tiepsong", "VIEWER"})) {
            ApiClient.Response r = f.admin.post("/api/v1/accounts", Map.of("username", a[0], "password", PASSWORD,
                    "role", a[1], "scopeAreaId", f.province));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        ApiClient.Response up = f.admin.upload("/api/v1/bulletins", FALLBACK, "cho.wav", TestWav.tone(24_000, 3.0));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        long fallback = up.json().get("id").asLong();
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        List<String> data = new ArrayList<>(List.of("vanhanh-tiepsong", "xem-tiepsong", FALLBACK, RELAY, "Tỉnh Lạng Sơn",
                "Xã Đội Cấn", "Xã Hữu Lễ", "Cụm loa chợ", "Cụm loa trường học", "xã Đội Cấn", "thôn Nà Sla", "xã Hữu Lễ"));
        f.stations.forEach(s -> data.add(s.name()));

        Browser b = Browser.open(f.httpPort(), dir.resolve("chromium-operator"), false);
        running.add(b);
        b.size(412, 915);
        b.signIn("vanhanh-tiepsong", PASSWORD);
        b.go("/relays");
        b.find("#relay-form");
        b.assertVietnameseAndFits("relays-empty", data);
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        String start = String.format("%02d:%02d", now.getHour(), now.getMinute());
        ZonedDateTime later = now.plusMinutes(15);
        String end = later.getDayOfYear() != now.getDayOfYear() ? "23:59" : String.format("%02d:%02d", later.getHour(), later.getMinute());
        b.type("#relay-title", RELAY);
        b.type("#relay-url", "http://127.0.0.1:" + deadPort + "/vov1.mp3");
        // a window backwards and no target: told in Vietnamese before anything is sent
        b.js("for (const [id, v] of [['relay-start-0', '18:00'], ['relay-end-0', '17:00']]) {"
                + " const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('input')); }");
        b.click("#relay-create");
        b.waitFor(Duration.ofSeconds(5)).until(d -> !b.text("#relay-form-error").isEmpty());
        assertThat(b.text("#relay-form-error")).contains("Khung giờ 18:00–17:00: giờ kết thúc phải sau giờ bắt đầu")
                .contains("Hãy chọn ít nhất một nơi phát.");
        b.assertVietnameseAndFits("relay-form-refused", data);
        assertThat(f.admin.get("/api/v1/relays").json()).isEmpty();
        // a time input's typing depends on the locale's clock; its value is set as a picker would
        b.js("for (const [id, v] of [['relay-start-0', arguments[0]], ['relay-end-0', arguments[1]]]) {"
                + " const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('input')); }", start, end);
        new Select(b.find("#relay-fallback")).selectByValue(Long.toString(fallback));
        b.type("#relay-search", "doi can");
        b.click("#relay-station-" + f.stations.get(0).id());
        b.click("#relay-create");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#relay-list").contains(RELAY));
        JsonNode stored = f.admin.get("/api/v1/relays").json().get(0);
        long relay = stored.get("id").asLong();
        assertThat(stored.get("fallbackBulletinId").asLong()).isEqualTo(fallback);
        assertThat(stored.get("targets").get("stationIds").get(0).asLong()).isEqualTo(f.stations.get(0).id());
        assertThat(stored.get("windows").get(0).get("start").asText()).isEqualTo(start);

        // the upstream cannot be reached: the fallback goes on air, and the alarm comes, titled in Vietnamese
        String row = "#relay-table tr[data-relay-id='" + relay + "']";
        b.waitFor(Duration.ofSeconds(20)).until(d -> "FALLBACK".equals(b.attr(row, "data-state")));
        assertThat(b.text(row + " .state")).contains("Mất nguồn, đang phát bản tin thay thế");
        assertThat(b.text(row + " .fallback")).isEqualTo(FALLBACK);
        b.waitFor(Duration.ofSeconds(60)).until(d -> b.text(row + " .relay-alarm").contains("Nguồn tiếp sóng mất tín hiệu"));
        JsonNode alarm = f.admin.get("/api/v1/relays/" + relay).json().get("alarm");
        assertThat(alarm.get("titleVi").asText()).isEqualTo("Nguồn tiếp sóng mất tín hiệu");
        assertThat(alarm.get("titleEn").asText()).isEqualTo("Relay upstream down");
        assertThat(b.text(row + " .relay-alarm")).doesNotContain("/").doesNotContain("Relay upstream down");
        assertThat(b.all(row + " .relay-delete")).hasSize(1);
        b.screenshot("phone-relays");
        b.assertVietnameseAndFits("relays", data);

        // the stations page, a station's page and the dashboard as cards on the phone
        b.go("/stations");
        b.find("#stations-table");
        assertThat(b.attr("#stations-table", "class")).contains("cards");
        b.assertVietnameseAndFits("stations", data);
        JsonNode plan = f.admin.get("/api/v1/stations/" + f.stations.get(0).id()).json().get("planVersion");
        if (plan != null && !plan.isNull()) {
            data.add(plan.asText()); // the plan's version, a hash
        }
        b.go("/stations/" + f.stations.get(0).id());
        b.find("#station-alarms");
        b.find("#health-charts");
        // a station's page shows measurements with their units (ms, dBFS, °C): only the width is checked there
        assertThat(b.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .as("station page wider than the phone").isEqualTo(true);
        assertThat(b.text("#health-charts")).doesNotContain("[object");
        b.go("/");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#stat-online").equals("3"));
        // the station table is drawn after what plays now (the relay's fallback: its title is fetched first)
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.attr("#dash-stations table", "class") != null);
        assertThat(b.attr("#dash-stations table", "class")).contains("cards");
        b.screenshot("phone-dashboard");
        b.assertVietnameseAndFits("dashboard", data);
        // English second: the switch shows the server's English title
        b.go("/relays");
        b.find(row);
        b.click("#lang-switch");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text(row + " .relay-alarm").contains("Relay upstream down"));
        b.click("#lang-switch");
        assertThat(b.severeLogs()).as("browser console errors").isEmpty();
        b.close();
        running.remove(b);

        // a viewer: the same page, read-only
        Browser v = Browser.open(f.httpPort(), dir.resolve("chromium-viewer"), false);
        running.add(v);
        v.size(412, 915);
        v.signIn("xem-tiepsong", PASSWORD);
        v.go("/relays");
        v.find("#relays-read-only");
        v.waitFor(Duration.ofSeconds(15)).until(d -> v.text(row + " .relay-alarm").contains("Nguồn tiếp sóng mất tín hiệu"));
        assertThat(v.all("#relay-form")).isEmpty();
        assertThat(v.all(".relay-delete")).isEmpty();
        v.assertVietnameseAndFits("relays-viewer", data);
        assertThat(f.admin.delete("/api/v1/relays/" + relay).status()).isEqualTo(204);
    }
}
