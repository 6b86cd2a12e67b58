package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;

/**
 * A relay whose upstream dies raises an alarm within 30 s (issue 15), one per relay, kept under station 0,
 * and its condition ends when the upstream is back and the relay on air again. A real icecast2 fed by ffmpeg.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(150)
class RelayAlarmTest {
    private static final String TONE = "sine=frequency=440:sample_rate=44100";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private static JsonNode relayAlarm(RelayFixture f, long relay) {
        for (JsonNode a : f.api().get("/api/v1/alarms?kind=RELAY_UPSTREAM_DOWN").json()) {
            if (a.get("subject").asText().equals(Long.toString(relay))) {
                return a;
            }
        }
        return null;
    }

    @Test
    void aDeadUpstreamRaisesTheRelaysAlarmWithinThirtySecondsAndItEndsOnRecovery() throws Exception {
        Icecast ice = running.keep(Icecast.start(dir.resolve("icecast")));
        Process feeder = ice.feedMp3("vov1.mp3", TONE);
        RelayFixture f = running.keep(RelayFixture.start(dir));
        long relay = f.relayNow("Tiếp sóng VOV1", ice.url("vov1.mp3"));
        await("relay on air").atMost(Duration.ofSeconds(15)).until(() -> f.state(relay).equals("ON_AIR"));
        // on air: no alarm, and none while it stays so
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> relayAlarm(f, relay) == null);

        long killedAt = System.currentTimeMillis();
        Icecast.kill(feeder);
        await("the relay's alarm").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> relayAlarm(f, relay) != null);
        long raisedMs = System.currentTimeMillis() - killedAt;
        JsonNode alarm = relayAlarm(f, relay);
        assertThat(raisedMs).as("upstream killed to alarm").isLessThan(30_000);
        assertThat(alarm.get("stationId").asLong()).isEqualTo(RelayAlarms.CONTROLLER);
        assertThat(alarm.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(alarm.get("conditionActive").asBoolean()).isTrue();
        assertThat(alarm.get("detail").asText()).contains("relay " + relay).contains("off air for")
                .containsAnyOf("UPSTREAM_DEAD", "UNREACHABLE"); // the source gone, then Icecast answers 404

        ice.feedMp3("vov1.mp3", TONE);
        await("back on air").atMost(Duration.ofSeconds(30)).until(() -> f.state(relay).equals("ON_AIR"));
        await("the condition ends").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> !relayAlarm(f, relay).get("conditionActive").asBoolean());
        // latched: still there until someone acknowledges it, then cleared
        JsonNode ended = relayAlarm(f, relay);
        assertThat(ended.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(f.api().post("/api/v1/alarms/" + ended.get("id").asLong() + "/ack", java.util.Map.of()).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> relayAlarm(f, relay).get("state").asText().equals("CLEARED"));
    }
}
