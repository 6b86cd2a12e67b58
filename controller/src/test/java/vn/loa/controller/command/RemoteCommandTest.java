package vn.loa.controller.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.controller.health.Fixtures;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * Remote commands end to end: a test tone recorded by the simulated output with its result reported
 * back, a silent test that finds a broken relay (and raises ZONE_FAILED), the station volume, the
 * agent's log, and the answers for what cannot be done.
 */
@Tag("e2e")
@Timeout(90)
class RemoteCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void commandsRunOnTheStationAndReportTheirResults() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long commune = Fixtures.commune(api, "Xã Tú Xuyên");
        Fixtures.StationRef s = Fixtures.station(api, "Đài xã Tú Xuyên", commune, 2);
        Fixtures.StationRef offline = Fixtures.station(api, "Đài xã Tú Xuyên 2", commune, 1);
        TestAgent station = keep(TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> station.agent().isConnected());
        long zone = s.zoneIds().get(1);

        // a two-second test tone on one zone
        JsonNode tone = finished(api, submit(api, s.id(), Map.of("type", "TEST_TONE", "zoneId", zone, "seconds", 2)));
        assertThat(tone.get("state").asText()).as(tone.toString()).isEqualTo("SUCCEEDED");
        JsonNode t = tone.get("result").get("testTone");
        assertThat(t.get("zoneId").asLong()).isEqualTo(zone);
        assertThat(t.get("relayReadBack").asBoolean()).isTrue();
        assertThat(t.get("amplifierReadBack").asBoolean()).isTrue();
        assertThat(t.get("playedMs").asLong()).isBetween(1800L, 2600L);
        assertThat(t.get("rmsDbfs").asDouble()).isBetween(-13.0, -11.0);
        List<Path> wavs = station.recordings();
        assertThat(wavs).hasSize(1);
        assertThat(wavs.get(0).getFileName().toString()).endsWith("test-tone-" + tone.get("id").asLong() + ".wav");
        Audio.Wav wav = Audio.readWav(wavs.get(0));
        assertThat(wav.durationMs()).isBetween(1990L, 2010L);
        assertThat(dominantFrequency(wav)).isBetween(990.0, 1010.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> station.events().stream().anyMatch(
                e -> e.contains("\"amplifier\"") && e.contains("\"off\"")));
        assertThat(sequence(station.events())).containsExactly("amplifier:on", "zone" + zone + ":on", "audio:start",
                "audio:stop", "zone" + zone + ":off", "amplifier:off");

        // the station volume: applied, kept across restarts, reported in the heartbeat
        JsonNode volume = finished(api, submit(api, s.id(), Map.of("type", "SET_VOLUME", "percent", 40)));
        assertThat(volume.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(station.agent().volume().percent()).isEqualTo(40);
        assertThat(Files.readString(dir.resolve("agent-" + s.id()).resolve("volume.txt")).trim()).isEqualTo("40");
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode samples = api.get("/api/v1/stations/" + s.id() + "/health").json().get("samples");
            return samples.size() > 0 && samples.get(samples.size() - 1).get("volumePercent").asInt() == 40;
        });

        // a silent test finds the broken relay, raises ZONE_FAILED, and clears it once repaired
        station.devices().zones().simulateFault(zone);
        JsonNode silent = finished(api, submit(api, s.id(), Map.of("type", "SILENT_TEST")));
        assertThat(silent.get("state").asText()).isEqualTo("FAILED");
        JsonNode checks = silent.get("result").get("silentTest");
        assertThat(checks.get("amplifierOk").asBoolean()).isTrue();
        assertThat(checks.get("zones")).hasSize(2);
        assertThat(checks.get("zones").get(0).get("ok").asBoolean()).isTrue();
        assertThat(checks.get("zones").get(1).get("ok").asBoolean()).isFalse();
        assertThat(station.recordings()).as("a silent test makes no sound").hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Fixtures.alarms(api, s.id(), "ACTIVE", "ZONE_FAILED").isEmpty());
        JsonNode zoneAlarm = Fixtures.alarms(api, s.id(), "ACTIVE", "ZONE_FAILED").get(0);
        assertThat(zoneAlarm.get("subject").asText()).isEqualTo(Long.toString(zone));
        station.devices().zones().clearFault(zone);
        assertThat(finished(api, submit(api, s.id(), Map.of("type", "SILENT_TEST"))).get("state").asText())
                .isEqualTo("SUCCEEDED");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Fixtures.alarms(api, s.id(), "ACTIVE", "ZONE_FAILED")
                .get(0).get("conditionActive").asBoolean());

        // the agent's recent log
        JsonNode log = finished(api, submit(api, s.id(), Map.of("type", "FETCH_LOG", "maxLines", 50)));
        assertThat(log.get("state").asText()).isEqualTo("SUCCEEDED");
        List<String> lines = new ArrayList<>();
        log.get("result").get("log").get("lines").forEach(l -> lines.add(l.asText()));
        assertThat(lines).isNotEmpty().hasSizeLessThanOrEqualTo(50)
                .anyMatch(l -> l.contains("station " + s.id()) && l.contains("silent test"));

        // what cannot be done is said plainly
        JsonNode restart = finished(api, submit(api, s.id(), Map.of("type", "RESTART_AGENT")));
        assertThat(restart.get("state").asText()).isEqualTo("REJECTED");
        assertThat(restart.get("message").asText()).contains("embedded");
        ApiClient.Response toOffline = api.post("/api/v1/stations/" + offline.id() + "/commands",
                Map.of("type", "SILENT_TEST"));
        assertThat(toOffline.status()).as(toOffline.body()).isEqualTo(409);
        ApiClient.Response badZone = api.post("/api/v1/stations/" + s.id() + "/commands",
                Map.of("type", "TEST_TONE", "zoneId", offline.zoneIds().get(0), "seconds", 99));
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.error()).contains("zoneId").contains("seconds");
        assertThat(api.get("/api/v1/stations/" + s.id() + "/commands").json()).hasSize(6);
    }

    private static long submit(ApiClient api, long stationId, Map<String, Object> body) {
        ApiClient.Response r = api.post("/api/v1/stations/" + stationId + "/commands", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("id").asLong();
    }

    private static JsonNode finished(ApiClient api, long id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String state = api.get("/api/v1/commands/" + id).json().get("state").asText();
            return !state.equals("SENT") && !state.equals("RUNNING");
        });
        return api.get("/api/v1/commands/" + id).json();
    }

    /** The frequency of a pure tone from its zero crossings. */
    private static double dominantFrequency(Audio.Wav wav) {
        short[] s = wav.samples();
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                crossings++;
            }
        }
        return crossings * 1000.0 / wav.durationMs();
    }

    private static List<String> sequence(List<String> events) throws Exception {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            JsonNode n = ApiClient.json().readTree(e);
            String device = n.get("device").asText();
            String state = n.get("state").asText();
            out.add(device.equals("zone") ? "zone" + n.get("zoneId").asText() + ":" + state : device + ":" + state);
        }
        return out;
    }
}
