package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** The relay API: every reason a relay is refused, then create, list, look at, delete; relays survive a restart. */
@Tag("e2e")
@Timeout(60)
class RelayApiTest {
    @TempDir
    Path dir;

    private TestController controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    private long station(ApiClient api) {
        long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json()
                .get("id").asLong();
        long area = api.post("/api/v1/areas", Map.of("name", "Xã Hữu Lễ", "kind", "COMMUNE", "parentId", province))
                .json().get("id").asLong();
        ApiClient.Response s = api.post("/api/v1/stations", Map.of("name", "Đài xã Hữu Lễ", "areaId", area,
                "zones", java.util.List.of(Map.of("name", "Thôn Bản Quấn"))));
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        return s.json().get("id").asLong();
    }

    private static ObjectNode relay(long stationId, String from) {
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("title", "Tiếp sóng VOV1 buổi sáng").put("url", "http://127.0.0.1:9/vov1.mp3").put("from", from);
        body.putObject("targets").putArray("stationIds").add(stationId);
        ArrayNode w = body.putArray("windows");
        w.addObject().put("start", "17:00").put("end", "17:30");
        w.addObject().put("start", "06:00").put("end", "06:30");
        body.putArray("days").add("MON").add("WED").add("FRI");
        return body;
    }

    @Test
    void refusesABadRelayWithEveryReason() throws Exception {
        controller = TestController.start(dir, vn.loa.controller.pki.SecurityConfig.off().withRelayAllow(java.util.List.of("127.0.0.1")));
        ApiClient api = controller.admin();
        long station = station(api);
        ObjectNode body = relay(station, "2026-13-01");
        body.put("url", "ftp://vov.vn/live").put("until", "yesterday");
        body.putObject("targets").putArray("stationIds").add(424242);
        ArrayNode w = body.putArray("windows");
        w.addObject().put("start", "06:30").put("end", "06:00");
        w.addObject().put("start", "05:00").put("end", "07:00");
        w.addObject().put("start", "05:30").put("end", "06:15");
        w.addObject().put("start", "7h").put("end", "25:00");
        body.putArray("days").add("MON").add("LUNDI");
        ApiClient.Response r = api.post("/api/v1/relays", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).contains("url: 'ftp://vov.vn/live' must start with http:// or https://")
                .contains("station 424242 does not exist")
                .contains("windows[0]: ends at 06:00, not after its start 06:30")
                .contains("windows[2]: 05:30–06:15 overlaps 05:00–07:00")
                .contains("windows[3].start: '7h'").contains("windows[3].end: '25:00'")
                .contains("days: 'LUNDI'").contains("from: '2026-13-01'").contains("until: 'yesterday'");
        java.util.List<String> codes = new java.util.ArrayList<>();
        r.json().get("errors").forEach(e -> codes.add(e.get("code").asText()));
        assertThat(codes).containsExactly("URL_SCHEME", "DOES_NOT_EXIST", "WINDOW_BACKWARDS", "WINDOWS_OVERLAP",
                "NOT_A_TIME", "NOT_A_TIME", "NOT_ONE_OF", "NOT_A_DATE", "NOT_A_DATE");

        ObjectNode noHost = relay(station, "2026-12-01");
        noHost.put("url", "http:///live.mp3");
        noHost.remove("windows");
        ApiClient.Response r2 = api.post("/api/v1/relays", noHost);
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.error()).contains("url: 'http:///live.mp3' has no host").contains("windows: give at least one");
        ObjectNode badUntil = relay(station, "2026-12-01");
        badUntil.put("until", "2026-11-30");
        assertThat(api.post("/api/v1/relays", badUntil).error()).contains("until: 2026-11-30 is before from (2026-12-01)");
        assertThat(api.get("/api/v1/relays").json()).isEmpty();
    }

    @Test
    void createsListsShowsAndDeletesARelayThatSurvivesARestart() throws Exception {
        controller = TestController.start(dir, vn.loa.controller.pki.SecurityConfig.off().withRelayAllow(java.util.List.of("127.0.0.1")));
        ApiClient api = controller.admin();
        long station = station(api);
        String from = LocalDate.now(RelayCalendar.VIETNAM).plusDays(10).toString();
        ApiClient.Response r = api.post("/api/v1/relays", relay(station, from));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.raw().headers().firstValue("Location")).contains("/api/v1/relays/" + id);
        JsonNode next = r.json().get("nextWindows");
        assertThat(next).hasSize(5);
        // the earliest window first, at 06:00 Vietnam time, on a Monday, Wednesday or Friday on or after "from"
        String first = next.get(0).get("start").asText();
        assertThat(first).endsWith("T06:00:00+07:00");
        assertThat(LocalDate.parse(first.substring(0, 10)).getDayOfWeek().name()).isIn("MONDAY", "WEDNESDAY", "FRIDAY");
        assertThat(next.get(1).get("start").asText()).endsWith("T17:00:00+07:00");
        assertThat(next.get(0).get("end").asText()).endsWith("T06:30:00+07:00");
        assertThat(r.json().get("windows").get(0).get("start").asText()).isEqualTo("06:00");
        assertThat(r.json().get("days").toString()).isEqualTo("[\"MON\",\"WED\",\"FRI\"]");
        assertThat(r.json().get("timeZone").asText()).isEqualTo("Asia/Ho_Chi_Minh");

        JsonNode one = api.get("/api/v1/relays/" + id).json();
        assertThat(one.get("state").asText()).isEqualTo("IDLE");
        assertThat(one.get("status").get("lastError").isNull()).isTrue();
        assertThat(api.get("/api/v1/relays").json()).hasSize(1);

        // every day when "days" is left out
        ObjectNode daily = relay(station, from);
        daily.remove("days");
        JsonNode d = api.post("/api/v1/relays", daily).json();
        assertThat(d.get("days")).hasSize(7);

        controller.close();
        controller = TestController.start(dir, vn.loa.controller.pki.SecurityConfig.off().withRelayAllow(java.util.List.of("127.0.0.1")));
        api = controller.admin();
        assertThat(api.get("/api/v1/relays").json()).hasSize(2);
        assertThat(api.get("/api/v1/relays/" + id).json().get("url").asText()).isEqualTo("http://127.0.0.1:9/vov1.mp3");

        assertThat(api.delete("/api/v1/relays/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/relays/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/relays/" + id).json().get("deleted").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/relays").json()).hasSize(1);
        assertThat(api.get("/api/v1/relays/999999").status()).isEqualTo(404);
    }
}
