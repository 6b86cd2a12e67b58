package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.ChildJvm;
import vn.loa.controller.support.TestController;

/** A remote restart of a real agent process: it answers, stops cleanly and exits for systemd to start it again. */
@Tag("e2e")
@Timeout(60)
class AgentRestartCommandTest {
    @TempDir
    Path dir;

    private TestController controller;
    private ChildJvm agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void restartCommandIsAnsweredThenTheAgentExitsForItsServiceManager() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        ApiClient api = controller.admin();
        long commune = Fixtures.commune(api, "Xã Hữu Lễ");
        Fixtures.StationRef s = Fixtures.station(api, "Đài xã Hữu Lễ", commune, 1);
        agent = ChildJvm.agent(controller.agentPort(), s.id(), s.secret(), dir.resolve("agent").resolve("agent-data-" + s.id()),
                dir.resolve("agent").resolve("agent-" + s.id() + ".log"));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> StationOfflineTest.online(api, s.id()));

        ApiClient.Response r = api.post("/api/v1/stations/" + s.id() + "/commands", Map.of("type", "RESTART_AGENT"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long id = r.json().get("id").asLong();

        assertThat(agent.exitCode(20)).as("exit code (log: %s)", agent.log()).isEqualTo(75);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/commands/" + id).json().get("state")
                .asText().equals("SUCCEEDED"));
        assertThat(agent.log()).contains("restarting on the controller's command " + id).contains("agent stopped");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Fixtures.alarms(api, s.id(), "ACTIVE", "STATION_OFFLINE").isEmpty());
    }
}
