package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;

/**
 * Relays against a real icecast2 fed by ffmpeg, played by a real station agent: the tone reaches the station, a
 * killed source is detected as a dead upstream and the broadcast stops, a restarted source comes back on air; a
 * source that goes silent is detected too; an Ogg/Opus stream goes through ffmpeg. icecast2 and ffmpeg must be
 * installed (the tests fail, never skip, without them).
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(120)
class RelayIcecastTest {
    private static final String TONE = "sine=frequency=440:sample_rate=44100";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void relaysTheToneDetectsADeadSourceAndComesBackWhenItReturns() throws Exception {
        Icecast ice = keep(Icecast.start(dir.resolve("icecast")));
        Process feeder = ice.feedMp3("vov1.mp3", TONE);
        RelayFixture f = keep(RelayFixture.start(dir));
        long relay = f.relayNow("Tiếp sóng VOV1", ice.url("vov1.mp3"));

        await("relay on air").atMost(Duration.ofSeconds(15)).until(() -> f.state(relay).equals("ON_AIR"));
        JsonNode onAir = f.relay(relay);
        long first = onAir.get("status").get("announcementId").asLong();
        assertThat(onAir.get("status").get("format").asText()).contains("MP3");
        JsonNode a = f.announcement(first);
        assertThat(a.get("priority").asText()).isEqualTo("RELAY");
        assertThat(a.get("source").asText()).isEqualTo("LIVE");
        await("station playing").atMost(Duration.ofSeconds(10))
                .until(() -> f.announcement(first).get("stations").get(0).get("state").asText().equals("PLAYING"));
        // let the station play a few seconds of the tone
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.recordings().isEmpty()
                && Tone.read(f.recordings().get(0)).seconds() > 4);

        long killedAt = System.currentTimeMillis();
        Icecast.kill(feeder);
        await("dead upstream detected").atMost(Duration.ofSeconds(10))
                .until(() -> f.relay(relay).get("lastError").asText("").startsWith("UPSTREAM_DEAD"));
        long detectedMs = System.currentTimeMillis() - killedAt;
        assertThat(detectedMs).as("kill to detection").isLessThan(10_000);
        assertThat(f.state(relay)).isIn("RETRYING", "CONNECTING");
        await("broadcast stopped").atMost(Duration.ofSeconds(5))
                .until(() -> f.announcement(first).get("state").asText().equals("STOPPED"));
        await("station stopped playing").atMost(Duration.ofSeconds(10))
                .until(() -> !f.announcement(first).get("stations").get(0).get("state").asText().equals("PLAYING"));

        // what the station played: the tone, at the tone's level (-18 dBFS, the sine source's 1/8 amplitude)
        Tone played = Tone.read(f.recordings().get(0));
        assertThat(played.seconds()).isGreaterThan(4);
        Tone middle = played.between(1.0, played.seconds() - 0.5);
        assertThat(middle.energyShareAt(440)).as("share of the energy at 440 Hz").isGreaterThan(0.9);
        assertThat(middle.rmsDbfs()).as("RMS of a sine at 1/8 of full scale").isCloseTo(-21.1, org.assertj.core.data.Offset.offset(1.5));

        // the source returns: the relay connects again by itself and goes back on air with a new broadcast
        ice.feedMp3("vov1.mp3", TONE);
        await("back on air").atMost(Duration.ofSeconds(25)).until(() -> f.state(relay).equals("ON_AIR"));
        long second = f.relay(relay).get("status").get("announcementId").asLong();
        assertThat(second).isNotEqualTo(first);
        await("station playing again").atMost(Duration.ofSeconds(10))
                .until(() -> f.announcement(second).get("stations").get(0).get("state").asText().equals("PLAYING"));

        // deleting the relay takes it off air
        assertThat(f.api().delete("/api/v1/relays/" + relay).status()).isEqualTo(204);
        await("deleted relay off air").atMost(Duration.ofSeconds(5))
                .until(() -> f.announcement(second).get("state").asText().equals("STOPPED"));
        assertThat(f.relay(relay).get("deleted").asBoolean()).isTrue();
        assertThat(f.state(relay)).isEqualTo("IDLE");
    }

    @Test
    void aSourceThatFallsSilentIsTakenOffAirAndASilentOneNeverGoesOn() throws Exception {
        Icecast ice = keep(Icecast.start(dir.resolve("icecast")));
        RelayFixture f = keep(RelayFixture.start(dir));
        // 3 s of tone, then digital silence for ever; started once the station is up (a slow start on a loaded
        // machine would otherwise leave only silence for the relay to find)
        ice.feedMp3("tinh.mp3", "aevalsrc=if(lt(t\\,3)\\,0.25*sin(2*PI*440*t)\\,0):s=44100");
        long relay = f.relayNow("Tiếp sóng Đài tỉnh", ice.url("tinh.mp3"));

        await("relay on air").atMost(Duration.ofSeconds(15)).until(() -> f.state(relay).equals("ON_AIR"));
        long first = f.relay(relay).get("status").get("announcementId").asLong();
        long onAirAt = System.currentTimeMillis();
        await("silence detected").atMost(Duration.ofSeconds(20))
                .until(() -> f.relay(relay).get("lastError").asText("").startsWith("UPSTREAM_SILENT"));
        // 2 s of silence in audio time after at most 3 s of tone (the icecast burst may bring it sooner)
        assertThat(System.currentTimeMillis() - onAirAt).isLessThan(6_000L);
        assertThat(f.announcement(first).get("state").asText()).isEqualTo("STOPPED");
        String firstErrorAt = f.relay(relay).get("status").get("lastErrorAt").asText();

        // connecting again finds the same silence: detected again, and no broadcast is opened on it
        await("silence detected again").atMost(Duration.ofSeconds(25))
                .until(() -> !f.relay(relay).get("status").get("lastErrorAt").asText().equals(firstErrorAt));
        JsonNode again = f.relay(relay);
        assertThat(again.get("lastError").asText()).startsWith("UPSTREAM_SILENT");
        assertThat(again.get("status").get("announcementId").isNull()).isTrue();
        assertThat(f.api().get("/api/v1/announcements/" + (first + 1)).status()).isEqualTo(404);
    }

    @Test
    void anOggOpusStreamIsDecodedByFfmpeg() throws Exception {
        Icecast ice = keep(Icecast.start(dir.resolve("icecast")));
        ice.feed("vov2.ogg", TONE, "-ac", "1", "-c:a", "libopus", "-b:a", "48k", "-content_type", "application/ogg",
                "-f", "ogg");
        RelayFixture f = keep(RelayFixture.start(dir));
        long relay = f.relayNow("Tiếp sóng VOV2", ice.url("vov2.ogg"));

        await("relay on air").atMost(Duration.ofSeconds(15)).until(() -> f.state(relay).equals("ON_AIR"));
        JsonNode onAir = f.relay(relay);
        assertThat(onAir.get("status").get("format").asText()).contains("Ogg").contains("ffmpeg");
        long id = onAir.get("status").get("announcementId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> !f.recordings().isEmpty()
                && Tone.read(f.recordings().get(0)).seconds() > 3);
        assertThat(f.api().delete("/api/v1/relays/" + relay).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.announcement(id).get("state").asText().equals("STOPPED"));
        Tone played = Tone.read(f.recordings().get(0));
        Tone middle = played.between(1.0, 3.0);
        assertThat(middle.energyShareAt(440)).isGreaterThan(0.9);
        assertThat(middle.rmsDbfs()).as("RMS of a sine at 1/8 of full scale").isCloseTo(-21.1, org.assertj.core.data.Offset.offset(1.5));
    }
}
