package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;

/**
 * A relay with a fallback bulletin whose upstream dies (issue 15): a real icecast2 fed by ffmpeg with a 440 Hz
 * tone, the fallback an 880 Hz bulletin. Killing the source does not stop the broadcast: the station goes on with the
 * fallback on the same announcement, with no more than the silence-cut window of dead air on its recording; the
 * relay's alarm is raised all the same; when the source returns the relay takes the upstream again on the same
 * announcement and the alarm's condition ends.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class RelayFallbackTest {
    private static final String TONE = "sine=frequency=440:sample_rate=44100";
    /** Recording stretches classified: U = the upstream's 440 Hz, F = the fallback's 880 Hz, _ = silence, ? = other. */
    private static final double STEP = 0.25;

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aDeadUpstreamIsReplacedByTheFallbackAndTheUpstreamTakesOverWhenItReturns() throws Exception {
        Icecast ice = running.keep(Icecast.start(dir.resolve("icecast")));
        Process feeder = ice.feedMp3("vov1.mp3", TONE);
        RelayFixture f = running.keep(RelayFixture.start(dir));
        long filler = ApiFixtures.uploadWav(f.api(), "Nhạc chờ tiếp sóng", toneWav(24_000, 4.0, 880)).id();
        long relay = f.relayNow("Tiếp sóng VOV1", ice.url("vov1.mp3"), filler);
        assertThat(f.relay(relay).get("fallbackBulletinId").asLong()).isEqualTo(filler);

        await("relay on air").atMost(Duration.ofSeconds(15)).until(() -> f.state(relay).equals("ON_AIR"));
        long broadcast = f.relay(relay).get("status").get("announcementId").asLong();
        await("the station plays the upstream").atMost(Duration.ofSeconds(15)).until(() -> !f.recordings().isEmpty()
                && Tone.read(f.recordings().get(0)).seconds() > 4);

        Icecast.kill(feeder);
        await("fallback").atMost(Duration.ofSeconds(10)).until(() -> f.state(relay).equals("FALLBACK"));
        JsonNode falling = f.relay(relay);
        assertThat(falling.get("lastError").asText()).startsWith("UPSTREAM_DEAD");
        assertThat(falling.get("status").get("announcementId").asLong()).as("the same broadcast").isEqualTo(broadcast);
        assertThat(f.announcement(broadcast).get("state").asText()).isNotIn("STOPPED", "DONE", "FAILED");

        await("the relay's alarm, fallback or not").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> relayAlarm(f, relay) != null);
        assertThat(relayAlarm(f, relay).get("detail").asText()).contains("fallback");
        // the fallback plays for a while, through at least one round
        await("the fallback on the recording").atMost(Duration.ofSeconds(20))
                .until(() -> runs(Tone.read(f.recordings().get(0))).contains("UF"));

        ice.feedMp3("vov1.mp3", TONE);
        await("back on the upstream").atMost(Duration.ofSeconds(40)).until(() -> f.state(relay).equals("ON_AIR"));
        assertThat(f.relay(relay).get("status").get("announcementId").asLong()).as("still the same broadcast")
                .isEqualTo(broadcast);
        await("the alarm's condition ends").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> !relayAlarm(f, relay).get("conditionActive").asBoolean());
        await("the upstream on the recording again").atMost(Duration.ofSeconds(20))
                .until(() -> runs(Tone.read(f.recordings().get(0))).matches(".*U.*F.*U$"));

        Tone played = Tone.read(f.recordings().get(0));
        String classes = classify(played);
        int lastUpstream = classes.indexOf('F') - 1;
        while (lastUpstream > 0 && classes.charAt(lastUpstream) != 'U') {
            lastUpstream--;
        }
        double deadAir = (classes.indexOf('F') - lastUpstream - 1) * STEP;
        System.out.printf("relay fallback: %.2f s of dead air between the upstream and the fallback (%s)%n", deadAir,
                classes);
        assertThat(deadAir).as("dead air between the upstream and the fallback, in %s", classes).isLessThanOrEqualTo(3.0);
        assertThat(f.recordings()).as("one broadcast, one recording").hasSize(1);

        assertThat(f.api().delete("/api/v1/relays/" + relay).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.announcement(broadcast).get("state").asText().equals("STOPPED"));
    }

    @Test
    void anUnknownFallbackBulletinIsRefused() throws Exception {
        RelayFixture f = running.keep(RelayFixture.start(dir));
        com.fasterxml.jackson.databind.node.ObjectNode body = vn.loa.controller.support.ApiClient.json().createObjectNode();
        body.put("title", "Tiếp sóng").put("url", "http://127.0.0.1:9/x.mp3").put("from", "2026-12-07")
                .put("fallbackBulletinId", 999);
        body.putObject("targets").putArray("stationIds").add(f.stationId());
        body.putArray("windows").addObject().put("start", "06:00").put("end", "06:30");
        var r = f.api().post("/api/v1/relays", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("fallbackBulletinId").contains("999");
    }

    private static JsonNode relayAlarm(RelayFixture f, long relay) {
        for (JsonNode a : f.api().get("/api/v1/alarms?kind=RELAY_UPSTREAM_DOWN").json()) {
            if (a.get("subject").asText().equals(Long.toString(relay))) {
                return a;
            }
        }
        return null;
    }

    /** Each {@link #STEP} of the recording as one letter. */
    private static String classify(Tone t) {
        StringBuilder out = new StringBuilder();
        for (double at = 0; at + STEP <= t.seconds(); at += STEP) {
            Tone part = t.between(at, at + STEP);
            if (part.rmsDbfs() < -45) {
                out.append('_');
            } else if (part.energyShareAt(440) > 0.8) {
                out.append('U');
            } else if (part.energyShareAt(880) > 0.8) {
                out.append('F');
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }

    /** The order in which upstream and fallback were heard: runs of U and F, silence and transitions left out. */
    private static String runs(Tone t) {
        List<Character> seen = new ArrayList<>();
        for (char c : classify(t).toCharArray()) {
            if ((c == 'U' || c == 'F') && (seen.isEmpty() || seen.get(seen.size() - 1) != c)) {
                seen.add(c);
            }
        }
        StringBuilder s = new StringBuilder();
        seen.forEach(s::append);
        return s.toString();
    }

    private static byte[] toneWav(int rate, double seconds, double hz) {
        int n = (int) (rate * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            pcm.putShort((short) Math.round(4096 * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return TestWav.wav(rate, 1, pcm.array(), true);
    }
}
