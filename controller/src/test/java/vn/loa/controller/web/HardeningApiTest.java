package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** Issue 13's findings reproduced through the real API of a controller with default settings (no allow-list). */
@Tag("e2e")
@Timeout(120)
class HardeningApiTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;
    static long station;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
        long p = ApiFixtures.province(admin);
        station = ApiFixtures.station(admin, "Đài Đội Cấn", ApiFixtures.area(admin, "Xã Đội Cấn", "COMMUNE", p), 1).id();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static ObjectNode relay(String url) {
        ObjectNode body = ApiClient.json().createObjectNode().put("title", "Tiếp sóng").put("url", url)
                .put("from", java.time.LocalDate.now().toString());
        body.putObject("targets").putArray("stationIds").add(station);
        body.putArray("windows").addObject().put("start", "06:00").put("end", "06:30");
        return body;
    }

    @Test
    void outOfRangeDatesAndAnnouncementsTooFarAheadAre400() {
        long bulletin = ApiFixtures.uploadWav(admin, "Bản tin", TestWav.tone(16000, 1.0)).id();
        for (String at : new String[] {"+10000-01-01T00:00:00+07:00", "1969-12-31T00:00:00+07:00"}) {
            ObjectNode schedule = ApiFixtures.schedule(bulletin, ApiClient.json().createObjectNode().put("type", "once")
                    .put("at", at));
            ApiFixtures.targets(schedule).withArray("stationIds").add(station);
            ApiClient.Response r = admin.post("/api/v1/schedules", schedule);
            assertThat(r.status()).as(at + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("out of range");
        }
        String inEightDays = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(8)
                .withNano(0).toOffsetDateTime().toString();
        for (String startAt : new String[] {"9999-12-31T00:00:00+07:00", "+10000-01-01T00:00:00Z", inEightDays}) {
            ObjectNode a = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "NORMAL")
                    .put("startAt", startAt);
            a.putObject("targets").putArray("stationIds").add(station);
            a.putObject("source").put("type", "bulletin").put("bulletinId", bulletin);
            ApiClient.Response r = admin.post("/api/v1/announcements", a);
            assertThat(r.status()).as(startAt + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("days ahead");
        }
        // a start already past is named to the second in Vietnam's time, never with nanoseconds (issue 15)
        ObjectNode past = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "NORMAL")
                .put("startAt", "2026-01-02T03:04:05.123456789Z");
        past.putObject("targets").putArray("stationIds").add(station);
        past.putObject("source").put("type", "bulletin").put("bulletinId", bulletin);
        ApiClient.Response r = admin.post("/api/v1/announcements", past);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("startAt: 2026-01-02T10:04:05+07:00 is in the past");
    }

    @Test
    void aRelayToLoopbackOrAPrivateRangeIsRefusedWithoutAnAllowListEntry() {
        for (String url : new String[] {"http://127.0.0.1:8000/live", "http://10.0.0.1/x.mp3", "http://192.168.1.20/x",
                "http://169.254.169.254/latest/meta-data", "http://[::1]:8000/live", "http://localhost:9/x"}) {
            ApiClient.Response r = admin.post("/api/v1/relays", relay(url));
            assertThat(r.status()).as(url + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(url).contains("not a public address").doesNotContain("refused");
        }
        assertThat(admin.get("/api/v1/relays").json()).isEmpty();
        ApiClient.Response ok = admin.post("/api/v1/relays", relay("http://203.0.113.9/vov1.mp3"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }
}
