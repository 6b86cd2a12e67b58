package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.PlanItem;

/**
 * A station cut off from its controller: it holds a plan reaching a week ahead, plays from it while
 * the controller is gone, keeps every play report and its health while offline, and on reconnect
 * everything is reconciled — each report and each health sample stored exactly once, also after
 * further reconnects.
 */
@Tag("e2e")
@Timeout(150)
class OfflineStationTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T c) {
        running.add(c);
        return c;
    }

    @Test
    void offlineStationPlaysItsWeekAndReconcilesReportsAndHealthOnce() throws Exception {
        Path data = dir.resolve("controller");
        TestController controller = keep(TestController.start(data));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Hà Giang", "PROVINCE", null);
        long commune = Fixture.area(api, "Xã Lũng Cú", "COMMUNE", province);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Lũng Cú", commune);
        TestAgent agent = keep(TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected()
                && agent.agent().clock().isSynchronised());

        long bulletin = Fixture.bulletin(api, "Bản tin", "tin.wav", Fixture.wav(16_000, 1.5, 440));
        Instant soon = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        Instant weekAhead = Instant.now().plus(7, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.MINUTES);
        Instant beyond = Instant.now().plus(PlanService.HORIZON).plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        long soonSchedule = Fixture.scheduleOnce(api, bulletin, soon, List.of(s.id()));
        long weekSchedule = Fixture.scheduleOnce(api, bulletin, weekAhead, List.of(s.id()));
        long beyondSchedule = Fixture.scheduleOnce(api, bulletin, beyond, List.of(s.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().plan().getItemsCount() == 2);
        // the stored plan reaches a week and a half day ahead (the horizon is 8 days); the far one waits
        List<String> items = agent.agent().plan().getItemsList().stream().map(PlanItem::getItemId).toList();
        assertThat(items).containsExactly("s" + soonSchedule + "-" + soon.getEpochSecond(),
                "s" + weekSchedule + "-" + weekAhead.getEpochSecond());
        assertThat(items).noneMatch(i -> i.startsWith("s" + beyondSchedule + "-"));
        await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.list(agent.dataDir().resolve("cache"))
                .anyMatch(p -> p.toString().endsWith(".lop")));

        // the controller goes away; the station plays on its own and keeps the report and its health
        int httpPort = controller.httpPort();
        int agentPort = controller.agentPort();
        running.remove(controller);
        Instant down = Instant.now();
        controller.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.recordings().size() == 1
                && agent.agent().outboxPending() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().healthHistoryPending() >= 1);
        assertThat(agent.agent().isConnected()).isFalse();
        int buffered = agent.agent().healthHistoryPending();

        // back: the report and the health kept offline arrive, once
        TestController again = keep(TestController.start(data, httpPort, agentPort,
                ControllerConfig.DEFAULT_MAX_UPLOAD_BYTES));
        ApiClient api2 = again.admin();
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.agent().isConnected()
                && agent.agent().outboxPending() == 0 && agent.agent().healthHistoryPending() == 0);
        List<JsonNode> reported = Fixture.plays(api2, "?scheduleId=" + soonSchedule);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).get("outcome").asText()).isEqualTo("PLAYED");
        List<JsonNode> offlineSamples = samplesBetween(api2, s.id(), down, Instant.now());
        assertThat(offlineSamples.size()).as("health sampled while offline").isGreaterThanOrEqualTo(buffered);
        int stored = offlineSamples.size();

        // reconnecting again (a new agent process on the same data) adds neither reports nor samples twice
        agent.close();
        running.remove(agent);
        TestAgent third = keep(TestAgent.start(agentPort, s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> third.agent().isConnected());
        assertThat(third.agent().healthHistoryPending()).isZero();
        assertThat(Fixture.plays(api2, "?scheduleId=" + soonSchedule)).hasSize(1);
        assertThat(samplesBetween(api2, s.id(), down, Instant.now()).stream()
                .filter(n -> Instant.parse(n.get("at").asText()).isBefore(offlineEnd(offlineSamples))).count())
                .isEqualTo(stored);
        // the week-ahead item is still held
        assertThat(third.agent().plan().getItemsList()).extracting(PlanItem::getItemId)
                .contains("s" + weekSchedule + "-" + weekAhead.getEpochSecond());
    }

    private static Instant offlineEnd(List<JsonNode> samples) {
        return samples.stream().map(n -> Instant.parse(n.get("at").asText())).max(Instant::compareTo).orElseThrow()
                .plusMillis(1);
    }

    /** Raw samples in [from, to) that were recorded while offline: their uptime lies before the reconnect. */
    private static List<JsonNode> samplesBetween(ApiClient api, long stationId, Instant from, Instant to) {
        ApiClient.Response r = api.get("/api/v1/stations/" + stationId + "/health?resolution=raw&from=" + from
                + "&to=" + to.plusSeconds(1));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("samples").forEach(out::add);
        return out;
    }
}
