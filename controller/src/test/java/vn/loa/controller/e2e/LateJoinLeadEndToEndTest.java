package vn.loa.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * A station that connects while an announcement runs joins it with a start of its own: far enough
 * ahead for its own amplifier warm-up and relay settle (what its agent says in {@code start_lead_ms},
 * plus the margin), not the fixed default lead, so it starts on time rather than late.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(120)
class LateJoinLeadEndToEndTest {
    /** Much longer than the 800 ms default lead: with it, this station would start ~1.8 s late. */
    private static final Duration SLOW_WARM_UP = Duration.ofMillis(2_500);
    private static final Duration SETTLE = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aLateJoinerWithALongWarmUpGetsItsOwnLeadAndStartsOnTime() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient api = controller.admin();
        long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json().get("id").asLong();
        long commune = api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province))
                .json().get("id").asLong();
        var early = ScheduledBulletinEndToEndTest.station(api, "Đài xã Đội Cấn", commune, 1);
        var late = ScheduledBulletinEndToEndTest.station(api, "Đài xã Hòa Lạc", commune, 1);
        TestAgent first = TestAgent.start(controller.agentPort(), early.id(), early.secret(), dir);
        running.add(first);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> first.agent().isConnected() && first.agent().clock().isSynchronised());

        Path mp3 = Audio.mp3(dir, "urgent.mp3", 6.0);
        ApiClient.Response up = api.upload("/api/v1/bulletins", "Cảnh báo", "urgent.mp3", Files.readAllBytes(mp3));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("title", "Cảnh báo sạt lở").put("priority", "EMERGENCY").put("chime", false).put("repeat", 1);
        body.putObject("targets").putArray("areaIds").add(province);
        body.set("source", ApiClient.json().createObjectNode().put("type", "bulletin")
                .put("bulletinId", up.json().get("id").asLong()));
        ApiClient.Response created = api.post("/api/v1/announcements", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(state(api, id, late.id())).isEqualTo("OFFLINE");

        // the second station comes online during the announcement, with an amplifier slow to warm up
        long joining = System.currentTimeMillis();
        running.add(TestAgent.start(controller.agentPort(), late.id(), late.secret(), dir,
                config -> config.withTimings(SLOW_WARM_UP, SETTLE, Duration.ofMillis(500))));

        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(state(api, id, early.id()))
                && "DONE".equals(state(api, id, late.id())));
        JsonNode play = await().atMost(Duration.ofSeconds(30)).until(() -> ScheduledBulletinEndToEndTest
                .plays(api, "?stationId=" + late.id()).stream().findFirst().orElse(null), p -> p != null);
        long planned = Instant.parse(play.get("plannedAt").asText()).toEpochMilli();
        long started = Instant.parse(play.get("startedAt").asText()).toEpochMilli();
        long ownLead = SLOW_WARM_UP.toMillis() + SETTLE.toMillis() + 300;
        assertThat(planned - joining).as("its start is its own lead (warm-up + settle + margin) after it joined")
                .isGreaterThanOrEqualTo(ownLead);
        assertThat(play.get("outcome").asText()).isEqualTo("PLAYED");
        assertThat(play.get("reason").isNull() ? "" : play.get("reason").asText())
                .as("the station had time to warm up").doesNotContain("STARTED_LATE");
        assertThat(started - planned).as("first sample against its start instant").isLessThan(1_000);
        assertThat(List.of(state(api, id, early.id()), state(api, id, late.id()))).containsOnly("DONE");
    }

    private static String state(ApiClient api, long id, long stationId) {
        ApiClient.Response r = api.get("/api/v1/announcements/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode s : r.json().get("stations")) {
            if (s.get("stationId").asLong() == stationId) {
                return s.get("state").asText();
            }
        }
        throw new AssertionError("station " + stationId + " is not a target of announcement " + id + ": " + r.body());
    }
}
