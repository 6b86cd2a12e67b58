package vn.loa.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.speech.NormalisedSpeechPhonemesTest;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * Issue 19's sentence as an operator sends it, as a text announcement: the console's preview shows the
 * normalised text, espeak-ng's phonemes of it have no switch to the English voice and no letter names for
 * "h" or "m", and what the station played is that text spoken (its length is espeak-ng's rendering of the
 * normalised sentence, a second longer than the raw one's).
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(120)
class TextAnnouncementSpeechEndToEndTest {
    private static final String SENTENCE =
            "Ngày 7/12, lúc 14h30, mực nước sông Kỳ Cùng đạt 3,5 m. UBND xã đề nghị bà con chú ý.";
    private static final String SPOKEN = "Ngày bảy tháng mười hai, lúc mười bốn giờ ba mươi, mực nước sông Kỳ Cùng "
            + "đạt ba phẩy năm mét. Ủy ban nhân dân xã đề nghị bà con chú ý.";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void theIssuesSentenceIsNormalisedBeforeEspeakSpeaksIt() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient api = controller.admin();
        long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json().get("id").asLong();
        long commune = api.post("/api/v1/areas", Map.of("name", "Xã Hoàng Đồng", "kind", "COMMUNE", "parentId", province))
                .json().get("id").asLong();
        var station = ScheduledBulletinEndToEndTest.station(api, "Đài xã Hoàng Đồng", commune, 1);
        TestAgent agent = TestAgent.start(controller.agentPort(), station.id(), station.secret(), dir);
        running.add(agent);
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.agent().isConnected() && agent.agent().clock().isSynchronised());

        ApiClient.Response preview = api.post("/api/v1/speech/preview", Map.of("text", SENTENCE));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        String spoken = preview.json().get("spoken").asText();
        assertThat(spoken).isEqualTo(SPOKEN);
        assertThat(NormalisedSpeechPhonemesTest.phonemes(spoken)).doesNotContain("(en)")
                .doesNotContain("h'a3t").doesNotContain("'E7m@:2");

        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("title", "Mực nước sông Kỳ Cùng").put("priority", "PRIORITY").put("chime", false).put("repeat", 1);
        body.putObject("targets").putArray("stationIds").add(station.id());
        body.putObject("source").put("type", "text").put("text", SENTENCE).put("voice", "vi");
        ApiClient.Response created = api.post("/api/v1/announcements", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            JsonNode a = api.get("/api/v1/announcements/" + id).json();
            return a.get("stations").get(0).get("state").asText().equals("DONE");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.recordings().isEmpty());

        long played = Audio.readWav(agent.recordings().get(0)).durationMs();
        long normalised = espeakMs(SPOKEN, "normalised.wav");
        long raw = espeakMs(SENTENCE, "raw.wav");
        assertThat(normalised - raw).as("the normalised sentence is longer to say").isGreaterThan(600);
        assertThat(played).as("played %d ms; espeak-ng says the normalised sentence in %d ms, the raw one in %d ms",
                played, normalised, raw).isBetween(normalised - 200, normalised + 200);
    }

    private long espeakMs(String text, String name) throws Exception {
        Path wav = dir.resolve(name);
        Process p = new ProcessBuilder(List.of("espeak-ng", "-v", "vi", "-s", "150", "-w", wav.toString(), "--stdin"))
                .redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return Audio.readWav(wav).durationMs();
    }
}
