package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
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
import vn.loa.controller.support.ChildJvm;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;

/**
 * An agent process killed (SIGKILL) while a 10 s bulletin plays, then started again on the same data
 * directory (issue 15): the as-run log holds {@code FAILED AGENT_RESTARTED} with the part that went out —
 * its first sample at the planned instant, its end at the last progress the journal kept before the kill
 * (at most about a second before it), and the levels of that part.
 */
@Tag("e2e")
@Timeout(120)
class KilledMidPlayTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aPlayCutOffByAKillIsReportedWithThePartThatWentOut() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long commune = Fixture.area(api, "Xã Kiên Mộc", "COMMUNE", province);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Kiên Mộc", commune);
        long bulletin = Fixture.bulletin(api, "Bản tin mười giây", "muoi-giay.wav", Fixture.wav(16_000, 10.0, 440));
        Path data = dir.resolve("agent-data");
        Path config = dir.resolve("agent.properties");
        Files.writeString(config, "warmUpMs=300\nzoneSettleMs=100\nholdMs=500\n");

        ChildJvm first = ChildJvm.agent(controller.agentPort(), s.id(), s.secret(), data, dir.resolve("agent-1.log"),
                "--tls", "off", "--config", config.toString());
        running.keep(first);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                api.get("/api/v1/stations/" + s.id()).json().path("online").asBoolean());
        Instant at = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        long schedule = Fixture.scheduleOnce(api, bulletin, at, List.of(s.id()));

        // kill 4.5 s into the play
        Instant killAt = at.plusMillis(4_500);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(killAt));
        assertThat(first.isAlive()).as(() -> "the agent ran until the kill:\n" + first.logOrWhy()).isTrue();
        first.kill();
        Instant killed = Instant.now();

        ChildJvm second = ChildJvm.agent(controller.agentPort(), s.id(), s.secret(), data, dir.resolve("agent-2.log"),
                "--tls", "off", "--config", config.toString());
        running.keep(second);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                .until(() -> !Fixture.plays(api, "?scheduleId=" + schedule).isEmpty());

        List<JsonNode> plays = Fixture.plays(api, "?scheduleId=" + schedule);
        assertThat(plays).hasSize(1);
        JsonNode p = plays.get(0);
        assertThat(p.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(p.get("reason").asText()).isEqualTo("AGENT_RESTARTED");
        Instant started = Instant.parse(p.get("startedAt").asText());
        Instant ended = Instant.parse(p.get("endedAt").asText());
        assertThat(Duration.between(at, started).abs()).as("first sample at the planned instant, %s", started)
                .isLessThan(Duration.ofMillis(300));
        assertThat(ended).as("the last progress before the kill").isBefore(killed)
                .isAfter(killed.minusMillis(2_000));
        assertThat(p.get("peakDbfs").isNull()).isFalse();
        assertThat(p.get("rmsDbfs").isNull()).isFalse();
        // a sine (loudness-normalised at ingest): audible, its peak above its RMS by about 3 dB
        double peak = p.get("peakDbfs").asDouble();
        double rms = p.get("rmsDbfs").asDouble();
        assertThat(rms).isGreaterThan(-40.0);
        assertThat(peak - rms).isBetween(2.0, 4.5);
    }
}
