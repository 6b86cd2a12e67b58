package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.ChildJvm;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * The offline bound, end to end: a station whose agent dies (SIGKILL) or whose link goes silent
 * without a FIN shows as offline, with a STATION_OFFLINE alarm, within 30 s.
 */
@Tag("e2e")
@Timeout(120)
class StationOfflineTest {
    static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void agentProcessKilledWithSigkillRaisesOfflineWithinTheBound() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long commune = Fixtures.commune(api, "Xã Kiên Mộc");
        Fixtures.StationRef s = Fixtures.station(api, "Đài xã Kiên Mộc", commune, 2);
        ChildJvm agent = keep(ChildJvm.agent(controller.agentPort(), s.id(), s.secret(), dir.resolve("agent").resolve("agent-data-" + s.id()),
                dir.resolve("agent").resolve("agent-" + s.id() + ".log")));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .failFast("the agent process exited: " + agent.log(), () -> !agent.isAlive())
                .until(() -> online(api, s.id()) && hasHealth(api, s.id()));

        Instant killed = Instant.now();
        agent.kill();

        await().atMost(BOUND.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> !Fixtures.alarms(api, s.id(), "ACTIVE", "STATION_OFFLINE").isEmpty());
        JsonNode alarm = Fixtures.alarms(api, s.id(), "ACTIVE", "STATION_OFFLINE").get(0);
        assertThat(Duration.between(killed, Instant.parse(alarm.get("raisedAt").asText())))
                .as("offline alarm after SIGKILL").isLessThan(BOUND);
        assertThat(online(api, s.id())).isFalse();
        assertThat(alarm.get("conditionActive").asBoolean()).isTrue();
    }

    @Test
    void linkThatGoesSilentWithoutFinRaisesOfflineWithinTheBound() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long commune = Fixtures.commune(api, "Xã Đội Cấn");
        Fixtures.StationRef s = Fixtures.station(api, "Đài xã Đội Cấn", commune, 1);
        SilentLinkProxy proxy = keep(new SilentLinkProxy(controller.agentPort()));
        keep(TestAgent.start(proxy.port(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> online(api, s.id()) && hasHealth(api, s.id()));

        Instant silent = Instant.now();
        proxy.freeze();

        await().atMost(BOUND.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> !Fixtures.alarms(api, s.id(), "ACTIVE", "STATION_OFFLINE").isEmpty());
        JsonNode alarm = Fixtures.alarms(api, s.id(), "ACTIVE", "STATION_OFFLINE").get(0);
        Duration took = Duration.between(silent, Instant.parse(alarm.get("raisedAt").asText()));
        assertThat(took).as("offline alarm after the link went silent").isLessThan(BOUND);
        assertThat(online(api, s.id())).isFalse();
    }

    static boolean online(ApiClient api, long stationId) {
        ApiClient.Response r = api.get("/api/v1/stations/" + stationId);
        return r.status() == 200 && r.json().get("online").asBoolean();
    }

    static boolean hasHealth(ApiClient api, long stationId) {
        ApiClient.Response r = api.get("/api/v1/stations/" + stationId + "/health");
        return r.status() == 200 && r.json().get("samples").size() > 0;
    }
}
