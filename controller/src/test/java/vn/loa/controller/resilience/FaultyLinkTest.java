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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.agent.store.MediaCache;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.announcement.AnnouncementSource;
import vn.loa.controller.media.LiveEncoder;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.Priority;

/**
 * A real agent and a real controller with a {@link FaultProxy} between them: latency and a reset
 * during a live announcement, a half-open (black-holed) link while a scheduled item is due, a link
 * dropped in the middle of a download. Every wait is bounded; the class as a whole too.
 */
@Tag("e2e")
@Timeout(150)
class FaultyLinkTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T c) {
        running.add(c);
        return c;
    }

    record Setup(TestController controller, ApiClient api, Fixture.StationRef station, FaultProxy proxy,
            TestAgent agent) {
    }

    private Setup setup() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long province = Fixture.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long commune = Fixture.area(api, "Xã Đình Lập", "COMMUNE", province);
        Fixture.StationRef s = Fixture.station(api, "Đài xã Đình Lập", commune);
        FaultProxy proxy = keep(FaultProxy.to(controller.agentPort()));
        TestAgent agent = keep(TestAgent.start(proxy.port(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected()
                && agent.agent().clock().isSynchronised());
        return new Setup(controller, api, s, proxy, agent);
    }

    private static JsonNode stationOf(ApiClient api, long announcementId) {
        ApiClient.Response r = api.get("/api/v1/announcements/" + announcementId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("stations").get(0);
    }

    @Test
    void liveAnnouncementRidesOutLatencyAndRejoinsAfterAReset() throws Exception {
        Setup s = setup();
        AnnouncementService announcements = s.controller().controller().announcements();
        long id = announcements.create(new AnnouncementService.Request("Thông báo trực tiếp", Priority.PRIORITY,
                new Targets(List.of(s.station().id()), List.of(), List.of()), new AnnouncementSource.Live(), false, 1,
                null, null), List.of());
        AnnouncementService.LiveFeed feed = announcements.liveFeed(id).orElseThrow();
        // 16 s of a 500 Hz tone, in real time, as a microphone would send it
        int frames = 800;
        AtomicInteger fed = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread feeder = Thread.ofVirtual().name("live-feeder").start(() -> {
            LiveEncoder encoder = new LiveEncoder(24_000);
            short[] pcm = new short[480];
            long t0 = System.nanoTime();
            for (int frame = 0; frame < frames && !stop.get(); frame++) {
                for (int i = 0; i < pcm.length; i++) {
                    pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 500 * (frame * 480 + i) / 24_000.0));
                }
                encoder.push(pcm, pcm.length).forEach(feed::packet);
                fed.incrementAndGet();
                LockSupport.parkNanos(t0 + (frame + 1) * 20_000_000L - System.nanoTime());
            }
            encoder.finish().forEach(feed::packet);
            feed.end();
        });
        running.add(() -> {
            stop.set(true);
            feeder.join(Duration.ofSeconds(5));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> stationOf(s.api(), id).get("state").asText().equals("PLAYING"));

        // 300 ms more on every chunk, both ways: within the 800 ms jitter buffer, the station plays on
        s.proxy().latency(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(10)).until(() -> fed.get() >= 300);
        assertThat(stationOf(s.api(), id).get("state").asText()).as("playing through 300 ms of latency")
                .isEqualTo("PLAYING");

        // a reset: the agent redials (backoff) and rejoins the running announcement
        int links = s.proxy().connectionsAccepted();
        s.proxy().reset();
        await().atMost(Duration.ofSeconds(10)).until(() -> s.proxy().connectionsAccepted() > links
                && s.agent().agent().isConnected());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode st = stationOf(s.api(), id);
            assertThat(st.get("reason").asText()).as("the station rejoined: %s", st).isEqualTo("JOINED_LATE");
            assertThat(st.get("state").asText()).isIn("PENDING", "RECEIVING", "PLAYING");
        });
        assertThat(fed.get()).as("rejoined while the announcement still ran").isLessThan(frames);

        await().atMost(Duration.ofSeconds(30)).until(() -> stationOf(s.api(), id).get("state").asText().equals("DONE"));
        assertThat(feeder.join(Duration.ofSeconds(5))).isTrue();
        JsonNode st = stationOf(s.api(), id);
        int underruns = st.get("underruns").asInt();
        assertThat(underruns).as("underruns are counted, not hidden").isNotNegative();
        // one play of the announcement in the as-run log, whole: no packet lost to the reset
        List<JsonNode> plays = Fixture.plays(s.api(), "?announcementId=" + id);
        assertThat(plays).hasSize(1);
        assertThat(plays.get(0).get("outcome").asText()).isEqualTo("PLAYED");
        String reason = plays.get(0).get("reason").isNull() ? "" : plays.get(0).get("reason").asText();
        assertThat(reason).isEqualTo(underruns > 0 ? "UNDERRUNS:" + underruns : "");
        assertThat(s.agent().recordings()).hasSize(1);
        Audio.Wav played = Audio.readWav(s.agent().recordings().get(0));
        assertThat(played.durationMs()).as("all %d frames played, plus %d underrun frames of silence", frames, underruns)
                .isGreaterThanOrEqualTo(frames * 20L - 100);
    }

    @Test
    void blackHoledLinkIsClosedOnBothSidesAndTheDueItemPlaysAndReportsOnce() throws Exception {
        Setup s = setup();
        long bulletin = Fixture.bulletin(s.api(), "Bản tin", "tin.wav", Fixture.wav(16_000, 1.5, 440));
        Instant at = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        long schedule = Fixture.scheduleOnce(s.api(), bulletin, at, List.of(s.station().id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> s.agent().agent().plan().getItemsCount() == 1
                && hasCachedMedia(s.agent().dataDir()));

        // half-open: nothing gets through either way, nothing is closed
        Instant holed = Instant.now();
        s.proxy().blackHole();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> !s.api()
                .get("/api/v1/stations/" + s.station().id()).json().get("online").asBoolean());
        assertThat(Duration.between(holed, Instant.now())).as("offline within the 25 s idle timeout (+ margin)")
                .isLessThan(Duration.ofSeconds(30));
        // the item played meanwhile from the stored plan; its report went into the hole and waits in the outbox
        await().atMost(Duration.ofSeconds(10)).until(() -> s.agent().recordings().size() == 1);
        assertThat(s.agent().agent().outboxPending()).as("report kept until acknowledged").isEqualTo(1);
        assertThat(Fixture.plays(s.api(), "?scheduleId=" + schedule)).as("nothing got through").isEmpty();

        // the agent's 45 s reader-idle timeout closes its side; it redials and the report arrives, once
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(() -> s.agent().agent()
                .isConnected() && s.agent().agent().outboxPending() == 0
                && s.api().get("/api/v1/stations/" + s.station().id()).json().get("online").asBoolean());
        assertThat(s.proxy().connectionsAccepted()).as("a new connection after the half-open one").isEqualTo(2);
        List<JsonNode> reported = Fixture.plays(s.api(), "?scheduleId=" + schedule);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).get("outcome").asText()).isEqualTo("PLAYED");
        assertThat(Instant.parse(reported.get(0).get("plannedAt").asText())).isEqualTo(at);
    }

    @Test
    void droppedLinkInTheMiddleOfADownloadResumesAndTheFileArrivesWhole() throws Exception {
        Setup s = setup();
        s.proxy().throttle(48 * 1024);
        ApiClient.Response r = s.api().upload("/api/v1/bulletins", "Bản tin dài", "dai.wav",
                AgentKillTest.noisyWav(16_000, 60, 3));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String sha = r.json().get("sha256").asText();
        Fixture.scheduleOnce(s.api(), r.json().get("id").asLong(),
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES), List.of(s.station().id()));
        Path part = s.agent().dataDir().resolve("cache").resolve(sha + ".part");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(part) && Files.size(part) > 32 * 1024);
        int links = s.proxy().connectionsAccepted();
        s.proxy().drop();
        await().atMost(Duration.ofSeconds(10)).until(() -> s.proxy().connectionsAccepted() > links);
        Path whole = s.agent().dataDir().resolve("cache").resolve(sha + ".lop");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(whole));
        assertThat(MediaCache.sha256Of(whole)).isEqualTo(sha);
        assertThat(part).doesNotExist();
    }

    private static boolean hasCachedMedia(Path agentData) throws Exception {
        try (Stream<Path> files = Files.list(agentData.resolve("cache"))) {
            return files.anyMatch(p -> p.toString().endsWith(".lop"));
        }
    }
}
