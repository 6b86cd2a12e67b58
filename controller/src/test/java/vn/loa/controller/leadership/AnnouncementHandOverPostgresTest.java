package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.LoaController;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;

/**
 * An announcement asked of the standby is handed to the leader through the database and played by it: the
 * caller gets the leader's answer (the id, or its refusal) from the standby; a live one is refused naming
 * the leader. Two real controllers on one PostgreSQL database and a real agent on the leader.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(120)
class AnnouncementHandOverPostgresTest {

    @TempDir
    Path dir;
    private TestDatabase.Fresh database;
    private LoaController a;
    private LoaController b;
    private TestAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private LoaController node(String id) throws Exception {
        return TestController.clusterNode(dir, database.settings(), id);
    }

    private static Map<String, Object> announcement(long stationId, Map<String, Object> source) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Thông báo khẩn: lũ");
        body.put("priority", "EMERGENCY");
        body.put("targets", Map.of("stationIds", List.of(stationId), "areaIds", List.of(), "zoneIds", List.of()));
        body.put("source", source);
        body.put("chime", false);
        return body;
    }

    @Test
    void anAnnouncementAskedOfTheStandbyIsPlayedByTheLeader() throws Exception {
        database = TestDatabase.POSTGRESQL.create(dir);
        a = node("node-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leadership().isServing());
        b = node("node-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> "node-a".equals(b.leadership().leader().holder()));
        assertThat(b.leadership().isLeader()).isFalse();

        ApiClient onB = new ApiClient(b.httpPort()).login("admin", TestController.ADMIN_PASSWORD);
        var station = ApiFixtures.station(onB, "Đài xã Đội Cấn", ApiFixtures.province(onB), 1);
        long bulletin = ApiFixtures.uploadWav(onB, "Tin lũ", TestWav.tone(16_000, 1.0)).id(); // stored on the standby
        agent = TestAgent.start(a.agentPort(), station.id(), station.secret(), dir.resolve("agents"));
        await().atMost(Duration.ofSeconds(15)).until(() -> a.registry().isOnline(station.id()));

        ApiClient.Response created = onB.post("/api/v1/announcements",
                announcement(station.id(), Map.of("type", "bulletin", "bulletinId", bulletin)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/announcements/" + id);
        assertThat(new vn.loa.controller.storage.Jdbc(a.database()).query("SELECT taken_by FROM announcement_handover "
                + "WHERE announcement_id = ?", rs -> rs.getString(1), id)).as("the leader took it").containsExactly("node-a");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode seen = onB.get("/api/v1/announcements/" + id).json();
            return seen.get("stations").get(0).get("state").asText().equals("DONE");
        });

        // refused by the same checks as on the leader (here before it is handed over)
        Map<String, Object> late = announcement(station.id(), Map.of("type", "bulletin", "bulletinId", bulletin));
        late.put("startAt", "2020-01-01T08:00:00+07:00");
        ApiClient.Response past = onB.post("/api/v1/announcements", late);
        assertThat(past.status()).as(past.body()).isEqualTo(400);
        assertThat(past.body()).contains("is in the past");

        // a live announcement cannot be handed over: the caller is told which node leads
        ApiClient.Response live = onB.post("/api/v1/announcements", announcement(station.id(), Map.of("type", "live")));
        assertThat(live.status()).as(live.body()).isEqualTo(503);
        assertThat(live.body()).contains("node-a").contains(":" + a.agentPort()).contains("\"code\":\"LIVE_ON_LEADER_ONLY\"");
    }
}
