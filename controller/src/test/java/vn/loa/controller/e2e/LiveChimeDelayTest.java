package vn.loa.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import vn.loa.controller.cli.LiveSender;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * How late live speech reaches the loudspeaker, with and without the chime (issue 15), measured on a real
 * agent's recording: a WAV spoken through {@code live --wav}'s sender ({@link LiveSender}), its first
 * audible sample found in the station's recording, placed in time by the simulated sound card's start event
 * (the station's synchronised clock). With the chime the sender waits {@link LiveSender#CHIME_WAIT} and the
 * station skips what arrived during its chime, so the delay with the chime may exceed the one without by at
 * most 0.2 s, and both stay within 1.5 s. The figures are printed for docs/performance.md.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(120)
class LiveChimeDelayTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private record Measured(double delayS, int underruns) {
    }

    @Test
    void theChimeAddsNothingToTheLiveDelay() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json().get("id").asLong();
        long commune = api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province))
                .json().get("id").asLong();
        ApiClient.Response st = api.post("/api/v1/stations", Map.of("name", "Đài xã Đội Cấn", "areaId", commune,
                "zones", List.of(Map.of("name", "Cụm loa chợ"))));
        long station = st.json().get("id").asLong();
        TestAgent agent = running.keep(TestAgent.start(controller.agentPort(), station, st.json().get("secret").asText(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected() && agent.agent().clock().isSynchronised());

        Path mp3 = Audio.mp3(dir, "noi.mp3", 3.0);
        Path wav = dir.resolve("noi.wav");
        Audio.ffmpeg("-i", mp3.toString(), "-ac", "1", "-ar", "48000", "-c:a", "pcm_s16le", wav.toString());

        Measured without = measure(controller, api, agent, station, wav, false, 0);
        Measured with = measure(controller, api, agent, station, wav, true, 1);
        System.out.printf("live delay, live --wav sender: without the chime %.3f s, with the chime %.3f s (underruns %d / %d)%n",
                without.delayS(), with.delayS(), without.underruns(), with.underruns());
        assertThat(without.delayS()).as("speech to loudspeaker, no chime").isBetween(0.0, 1.5);
        assertThat(with.delayS()).as("speech to loudspeaker, after the chime").isBetween(0.0, 1.5);
        assertThat(with.delayS()).as("the chime adds at most 0.2 s").isLessThanOrEqualTo(without.delayS() + 0.2);
    }

    private Measured measure(TestController controller, ApiClient api, TestAgent agent, long station, Path wav,
            boolean chime, int recordingIndex) throws Exception {
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("title", "Nói trực tiếp").put("priority", "PRIORITY").put("chime", chime);
        body.putObject("targets").putArray("stationIds").add(station);
        body.putObject("source").put("type", "live");
        ApiClient.Response r = api.post("/api/v1/announcements", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        Duration silence = chime ? LiveSender.CHIME_WAIT : Duration.ZERO;
        LiveSender.Sent sent = LiveSender.streamTimed(java.net.http.HttpClient.newHttpClient(),
                java.net.URI.create("http://127.0.0.1:" + controller.httpPort()), api.token(), id, wav, silence);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/announcements/" + id).json()
                .get("state").asText().equals("DONE"));
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.recordings().size() > recordingIndex
                && audioStarts(agent).size() > recordingIndex);
        Audio.Wav played = Audio.readWav(agent.recordings().get(recordingIndex));
        long audioStartMs = audioStarts(agent).get(recordingIndex);
        // the speech's first audible sample, in the recording and as sent (after the sender's silence)
        int from = chime ? (int) (played.sampleRate() * 3.0) : 0; // past the chime (about 3.1 s), inside the skip
        int onsetPlayed = onset(played.samples(), from);
        short[] reference = Audio.decodeWithFfmpeg(wav, played.sampleRate());
        int onsetSent = onset(reference, 0);
        Instant spoken = sent.firstSampleAt().plusNanos(silence.toNanos()
                + onsetSent * 1_000_000_000L / played.sampleRate());
        Instant heard = Instant.ofEpochMilli(audioStartMs).plusNanos(onsetPlayed * 1_000_000_000L / played.sampleRate());
        JsonNode a = api.get("/api/v1/announcements/" + id).json();
        return new Measured(Duration.between(spoken, heard).toNanos() / 1e9, a.get("stations").get(0).get("underruns").asInt());
    }

    private static int onset(short[] samples, int from) {
        for (int i = from; i < samples.length; i++) {
            if (Math.abs(samples[i]) >= 1_000) {
                return i;
            }
        }
        throw new AssertionError("no audible sample after " + from);
    }

    private static List<Long> audioStarts(TestAgent agent) throws java.io.IOException {
        return agent.events().stream().filter(e -> e.contains("\"device\":\"audio\"") && e.contains("\"state\":\"start\""))
                .map(e -> Long.parseLong(e.replaceAll(".*\"atMs\":(\\d+).*", "$1"))).toList();
    }
}
