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

    /** Every refusal of an announcement is a coded problem: code and parameters, the English text kept (issue 15). */
    @Test
    void announcementRefusalsAreCodedProblemsWithTheirParameters() {
        long bulletin = ApiFixtures.uploadWav(admin, "Bản tin mã lỗi", TestWav.tone(16000, 1.0)).id();
        record Case(String what, java.util.function.Consumer<ObjectNode> change, java.util.List<String> codes,
                String field) {
        }
        java.util.List<Case> cases = java.util.List.of(
                new Case("no title, no priority", a -> { a.remove("title"); a.remove("priority"); },
                        java.util.List.of("REQUIRED", "REQUIRED"), "title"),
                new Case("an unknown priority", a -> a.put("priority", "LOUD"), java.util.List.of("NOT_ONE_OF"),
                        "priority"),
                new Case("no targets", a -> a.remove("targets"), java.util.List.of("REQUIRED"), "targets"),
                new Case("a station that does not exist", a -> a.putObject("targets").putArray("stationIds").add(987_654),
                        java.util.List.of("DOES_NOT_EXIST"), "targets.stationIds"),
                new Case("an unknown source", a -> a.putObject("source").put("type", "radio"),
                        java.util.List.of("NOT_ONE_OF"), "source.type"),
                new Case("a bulletin id that is no id", a -> a.putObject("source").put("type", "bulletin")
                        .put("bulletinId", "x"), java.util.List.of("WRONG_TYPE"), "source.bulletinId"),
                new Case("an empty text", a -> a.putObject("source").put("type", "text").put("text", " "),
                        java.util.List.of("REQUIRED"), "source.text"),
                new Case("a language with no code", a -> a.putObject("source").put("type", "text").put("text", "Xin chào")
                        .put("language", "xx"), java.util.List.of("LANGUAGE_UNSUPPORTED"), "source.language"),
                new Case("repeat out of range", a -> a.put("repeat", 99), java.util.List.of("OUT_OF_RANGE"), "repeat"),
                new Case("a start that is no date-time", a -> a.put("startAt", "ngày mai"),
                        java.util.List.of("NOT_A_DATE_TIME"), "startAt"),
                new Case("a start in the past", a -> a.put("startAt", "2026-01-02T03:04:05.123456789Z"),
                        java.util.List.of("IN_THE_PAST"), "startAt"));
        for (Case c : cases) {
            ObjectNode a = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "NORMAL");
            a.putObject("targets").putArray("stationIds").add(station);
            a.putObject("source").put("type", "bulletin").put("bulletinId", bulletin);
            c.change().accept(a);
            ApiClient.Response r = admin.post("/api/v1/announcements", a);
            assertThat(r.status()).as(c.what() + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).as(c.what()).isEqualTo(c.codes().get(0));
            assertThat(r.json().get("params").get("field").asText()).as(c.what()).isEqualTo(c.field());
            assertThat(r.error()).as(c.what() + ": the English text is kept").isNotBlank()
                    .doesNotContainPattern(":\\d{2}\\.\\d");
            if (c.codes().size() > 1) {
                assertThat(r.json().get("errors")).as(c.what()).extracting(e -> e.get("code").asText())
                        .containsExactlyElementsOf(c.codes());
            }
        }
        ObjectNode past = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "NORMAL")
                .put("startAt", "2026-01-02T03:04:05.123456789Z");
        past.putObject("targets").putArray("stationIds").add(station);
        past.putObject("source").put("type", "bulletin").put("bulletinId", bulletin);
        assertThat(admin.post("/api/v1/announcements", past).json().get("params").get("value").asText())
                .isEqualTo("2026-01-02T10:04:05+07:00");
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
