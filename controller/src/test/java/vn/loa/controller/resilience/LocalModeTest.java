package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.hardware.SensorReadings;

/**
 * The local-mode switch set during a scheduled play: the station releases its zones and amplifier within 1 s,
 * plays nothing while the switch is set, and the interrupted play is in the as-run log; released, the station
 * plays its next item again.
 */
@Tag("e2e")
@Timeout(90)
class LocalModeTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void theLocalModeSwitchReleasesTheStationMidPlayAndIsInTheAsRunLog() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Yên Bái", "PROVINCE", null);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Mù Cang Chải", province);
        TestAgent agent = running.keep(TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected()
                && agent.agent().clock().isSynchronised());

        long bulletin = Fixture.bulletin(api, "Bản tin dài", "dai.wav", Fixture.wav(16_000, 8.0, 440));
        Instant planned = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        Fixture.scheduleOnce(api, bulletin, planned, List.of(s.id()));
        await("the bulletin playing").atMost(Duration.ofSeconds(20))
                .until(() -> !agent.devices().zones().activeZones().isEmpty() && agent.devices().amplifier().isPowered());

        agent.devices().sensors().set(new SensorReadings(false, true, false, true)); // the switch, mid-play
        await("zones and amplifier released").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> agent.devices().zones().activeZones().isEmpty() && !agent.devices().amplifier().isPowered());
        assertThat(agent.agent().localMode()).isTrue();
        await("local mode in the heartbeat").atMost(Duration.ofSeconds(3))
                .until(() -> agent.agent().localMode() && agent.agent().isConnected());

        await("the interrupted play in the as-run log").atMost(Duration.ofSeconds(15)).until(() ->
                Fixture.plays(api, "?stationId=" + s.id()).stream().anyMatch(LocalModeTest::preemptedByLocalMode));
        await("nothing plays while the switch is set").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> agent.devices().zones().activeZones().isEmpty());

        agent.devices().sensors().set(SensorReadings.NOMINAL);
        long second = Fixture.bulletin(api, "Bản tin ngắn", "ngan.wav", Fixture.wav(16_000, 1.0, 660));
        Instant next = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        Fixture.scheduleOnce(api, second, next, List.of(s.id()));
        await("the next item played after local mode").atMost(Duration.ofSeconds(30)).until(() ->
                Fixture.plays(api, "?stationId=" + s.id()).stream().anyMatch(p -> "PLAYED".equals(p.get("outcome").asText())
                        && p.get("bulletinId").asLong() == second));
    }

    private static boolean preemptedByLocalMode(JsonNode play) {
        return !play.get("reason").isNull() && play.get("reason").asText().contains("PREEMPTED_BY:LOCAL_MODE");
    }
}
