package vn.loa.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
import vn.loa.controller.web.Json;

/**
 * Preemption through the controller, on real agents and their recordings (issue 15): a PRIORITY bulletin
 * with the default hard time interrupts a playing NORMAL one, the same with an explicit {@code {"mode":
 * "WAIT"}} waits for it (the choice reaches the station as a present {@code max_wait_ms}); and a bulletin
 * cut by a {@code CUT} item with {@code onPreempt} RESUME is resumed after it, its remainder on the recordings.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class PreemptionEndToEndTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private final Map<Long, String> secrets = new java.util.HashMap<>();

    private long station(ApiClient api, String name, long area) {
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", area,
                "zones", List.of(Map.of("name", "Cụm loa thôn 1"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        secrets.put(r.json().get("id").asLong(), r.json().get("secret").asText());
        return r.json().get("id").asLong();
    }

    private static long schedule(ApiClient api, long bulletin, long station, Instant at, String priority,
            Consumer<ObjectNode> extra) {
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("bulletinId", bulletin).put("priority", priority);
        body.putObject("targets").putArray("stationIds").add(station);
        body.putObject("rule").put("type", "once").put("at", Json.local(at));
        extra.accept(body);
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static List<JsonNode> plays(ApiClient api, long station) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/plays?stationId=" + station).json().forEach(out::add);
        out.sort(Comparator.comparing((JsonNode p) -> p.get("startedAt").isNull() ? "" : p.get("startedAt").asText()));
        return out;
    }

    private static String story(List<JsonNode> plays, long longId, long shortId) {
        List<String> lines = new ArrayList<>();
        for (JsonNode p : plays) {
            String who = p.get("scheduleId").asLong() == longId ? "long" : p.get("scheduleId").asLong() == shortId ? "short" : "?";
            String reason = p.get("reason").isNull() ? "" : " " + p.get("reason").asText()
                    .replaceAll("s" + shortId + "-\\d+", "short").replaceAll("s" + longId + "-\\d+", "long");
            lines.add(who + " " + p.get("outcome").asText() + reason);
        }
        return String.join(" | ", lines);
    }

    @Test
    void priorityInterruptsByDefaultWaitsWhenAskedAndACutBulletinResumesWithItsRemainder() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json().get("id").asLong();
        long commune = api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province))
                .json().get("id").asLong();
        long byDefault = station(api, "Đài mặc định", commune);
        long asked = station(api, "Đài chờ", commune);
        long cut = station(api, "Đài cắt", commune);
        List<TestAgent> agents = new ArrayList<>();
        Map<Long, TestAgent> byStation = new java.util.HashMap<>();
        for (long s : List.of(byDefault, asked, cut)) {
            TestAgent a = running.keep(TestAgent.start(controller.agentPort(), s, secrets.get(s), dir));
            agents.add(a);
            byStation.put(s, a);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.stream()
                .allMatch(a -> a.agent().isConnected() && a.agent().clock().isSynchronised()));

        Path longMp3 = Audio.mp3(dir, "dai.mp3", 6.0);
        Path shortMp3 = Audio.mp3(dir, "ngan.mp3", 2.0);
        long longBulletin = api.upload("/api/v1/bulletins", "Bản tin dài", "dai.mp3", Files.readAllBytes(longMp3)).json().get("id").asLong();
        long shortBulletin = api.upload("/api/v1/bulletins", "Bản tin ngắn", "ngan.mp3", Files.readAllBytes(shortMp3)).json().get("id").asLong();

        Instant t = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        Instant t2 = t.plusSeconds(2);
        long l1 = schedule(api, longBulletin, byDefault, t, "NORMAL", b -> { });
        long p1 = schedule(api, shortBulletin, byDefault, t2, "PRIORITY", b -> { });
        long l2 = schedule(api, longBulletin, asked, t, "NORMAL", b -> { });
        long p2 = schedule(api, shortBulletin, asked, t2, "PRIORITY", b -> b.putObject("hardTime").put("mode", "WAIT"));
        long l3 = schedule(api, longBulletin, cut, t, "NORMAL", b -> b.put("onPreempt", "RESUME"));
        long c3 = schedule(api, shortBulletin, cut, t2, "NORMAL", b -> b.putObject("hardTime").put("mode", "CUT"));
        assertThat(api.get("/api/v1/schedules/" + p2).json().get("hardTime").get("explicit").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/schedules/" + p1).json().get("hardTime").get("explicit").asBoolean()).isFalse();

        await().atMost(Duration.ofSeconds(60)).until(() -> plays(api, byDefault).size() >= 3
                && plays(api, asked).size() >= 2 && plays(api, cut).size() >= 3);

        // the default WAIT: PRIORITY interrupts the NORMAL bulletin, which resumes afterwards
        assertThat(story(plays(api, byDefault), l1, p1))
                .isEqualTo("long PREEMPTED PREEMPTED_BY:short | short PLAYED | long PLAYED RESUMED_AFTER:short");
        // the explicit WAIT: the PRIORITY bulletin waits for the NORMAL one to end
        List<JsonNode> waited = plays(api, asked);
        assertThat(story(waited, l2, p2)).isEqualTo("long PLAYED | short PLAYED STARTED_LATE");
        assertThat(Instant.parse(waited.get(1).get("startedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(waited.get(0).get("endedAt").asText()));
        // CUT with RESUME on the cut one: resumed after the cutting item
        List<JsonNode> cutPlays = plays(api, cut);
        assertThat(story(cutPlays, l3, c3)).isEqualTo("long PREEMPTED CUT_BY:short | short PLAYED | long PLAYED RESUMED_AFTER:short");

        // the recordings: the first part, the cutting item, then the remainder of the long bulletin
        TestAgent cutAgent = byStation.get(cut);
        await().atMost(Duration.ofSeconds(10)).until(() -> cutAgent.recordings().size() >= 3);
        List<Path> wavs = cutAgent.recordings();
        long total = 0;
        for (Path w : wavs) {
            total += Audio.readWav(w).durationMs();
        }
        assertThat(total).as("6 s of the long bulletin plus 2 s of the cutting one, nothing lost").isBetween(7_800L, 8_300L);
        Audio.Wav first = Audio.readWav(wavs.get(0));
        Audio.Wav rest = Audio.readWav(wavs.get(wavs.size() - 1));
        assertThat(first.durationMs() + rest.durationMs()).isBetween(5_850L, 6_200L);
        short[] reference = Audio.decodeWithFfmpeg(longMp3, rest.sampleRate());
        int from = (int) (first.durationMs() * rest.sampleRate() / 1000);
        short[] tail = java.util.Arrays.copyOfRange(reference, Math.min(from, reference.length), reference.length);
        assertThat(Audio.bestCorrelation(tail, rest.samples(), 2_400)).as("the remainder is the rest of the bulletin")
                .isGreaterThan(0.9);
    }
}
