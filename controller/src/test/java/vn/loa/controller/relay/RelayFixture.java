package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/** A controller with one commune station (a real agent on simulated hardware) for relay tests. */
record RelayFixture(TestController controller, ApiClient api, long stationId, TestAgent agent) implements AutoCloseable {

    static RelayFixture start(Path dir) throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"),
                vn.loa.controller.pki.SecurityConfig.off().withRelayAllow(java.util.List.of("127.0.0.1")));
        try {
            ApiClient api = controller.admin();
            long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json()
                    .get("id").asLong();
            long commune = api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId",
                    province)).json().get("id").asLong();
            ApiClient.Response s = api.post("/api/v1/stations", Map.of("name", "Đài xã Đội Cấn", "areaId", commune,
                    "zones", List.of(Map.of("name", "Thôn Nà Pàn"))));
            assertThat(s.status()).as(s.body()).isEqualTo(201);
            long stationId = s.json().get("id").asLong();
            TestAgent agent = TestAgent.start(controller.agentPort(), stationId, s.json().get("secret").asText(), dir);
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected()
                    && agent.agent().clock().isSynchronised());
            return new RelayFixture(controller, api, stationId, agent);
        } catch (Exception | Error e) {
            controller.close();
            throw e;
        }
    }

    /** Creates a relay for the station whose window covers now (until 24:00 at the latest). */
    long relayNow(String title, URI url) {
        return relayNow(title, url, null);
    }

    /** Creates a relay for the station whose window covers now, with this fallback bulletin (or none). */
    long relayNow(String title, URI url, Long fallbackBulletinId) {
        ZonedDateTime now = ZonedDateTime.now(RelayCalendar.VIETNAM);
        int minute = now.getHour() * 60 + now.getMinute();
        if (minute >= 24 * 60 - 2) {
            // too close to midnight for a window that covers the test: wait for the new day
            await().atMost(Duration.ofSeconds(150)).until(() -> ZonedDateTime.now(RelayCalendar.VIETNAM).getHour() == 0);
            now = ZonedDateTime.now(RelayCalendar.VIETNAM);
            minute = now.getHour() * 60 + now.getMinute();
        }
        int end = Math.min(24 * 60, minute + 15);
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("title", title).put("url", url.toString()).put("from", now.toLocalDate().toString());
        if (fallbackBulletinId != null) {
            body.put("fallbackBulletinId", fallbackBulletinId);
        }
        body.putObject("targets").putArray("stationIds").add(stationId);
        body.putArray("windows").addObject().put("start", DailyWindow.format(minute))
                .put("end", end == 24 * 60 ? "24:00" : DailyWindow.format(end));
        ApiClient.Response r = api.post("/api/v1/relays", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(LocalDate.parse(r.json().get("nextWindows").get(0).get("start").asText().substring(0, 10)))
                .isEqualTo(now.toLocalDate());
        return r.json().get("id").asLong();
    }

    JsonNode relay(long id) {
        ApiClient.Response r = api.get("/api/v1/relays/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    String state(long id) {
        return relay(id).get("state").asText();
    }

    JsonNode announcement(long id) {
        ApiClient.Response r = api.get("/api/v1/announcements/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The station's recordings, oldest first. */
    List<Path> recordings() throws java.io.IOException {
        return agent.recordings();
    }

    @Override
    public void close() {
        agent.close();
        controller.close();
    }
}
