package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.support.Audio;

/** One relay session against a small local HTTP server that misbehaves on purpose. */
@Timeout(60)
class RelaySessionTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final FakeBroadcaster broadcaster = new FakeBroadcaster();
    private final AtomicReference<RelayStatus> status = new AtomicReference<>(RelayStatus.idle(Instant.now()));
    private RelaySession session;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (session != null) {
            session.cancel("TEST_OVER");
            assertThat(session.join(Duration.ofSeconds(10))).isTrue();
        }
        release.countDown();
        server.stop(0);
    }

    private URI serve(String path, String contentType, byte[] body, boolean stallAfter, int status) {
        server.createContext(path, exchange -> respond(exchange, contentType, body, stallAfter, status));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void respond(HttpExchange exchange, String contentType, byte[] body, boolean stallAfter, int code)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(code, stallAfter ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
            out.flush();
            if (stallAfter) {
                // a stuck upstream: the connection stays open and nothing more comes
                release.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RelaySession start(URI url, RelayConfig config) {
        return start(url, config, Duration.ofSeconds(600));
    }

    private RelaySession start(URI url, RelayConfig config, Duration windowLeft) {
        return start(url, config, windowLeft, broadcaster, null, FallbackAudio.NONE);
    }

    private RelaySession start(URI url, RelayConfig config, Duration windowLeft, Broadcaster to, Long fallbackId,
            FallbackAudio fallback) {
        Instant now = Instant.now();
        Relay relay = new Relay(7, "Tiếp sóng thử", url, new Targets(List.of(1L), List.of(), List.of()),
                new RelayCalendar(List.of(new DailyWindow(0, DailyWindow.END_OF_DAY)), Set.of(), LocalDate.now(), null,
                        RelayCalendar.VIETNAM), null, now, null, fallbackId);
        session = new RelaySession(relay, new Occurrence(now.minusSeconds(60), now.plus(windowLeft)), config,
                new UpstreamOpener(config), to, fallback, Clock.systemUTC(), status);
        session.start();
        return session;
    }

    private static RelayConfig config() {
        return RelayConfig.defaults().withRetry(Duration.ofSeconds(30), Duration.ofSeconds(30))
                .withOutbound(vn.loa.controller.outbound.OutboundPolicy.allowing(java.util.List.of("127.0.0.1")));
    }

    @Tag("needs-tools")
    @Test
    void aStalledUpstreamIsDeadAfterFiveSecondsWithoutBytes() throws Exception {
        Path mp3 = Audio.mp3(dir, "vov.mp3", 3.0);
        URI url = serve("/vov.mp3", "audio/mpeg", Files.readAllBytes(mp3), true, 200);
        long started = System.nanoTime();
        start(url, config());
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().state() == RelayState.ON_AIR);
        assertThat(status.get().format()).contains("MP3 44100 Hz");
        await().atMost(Duration.ofSeconds(12)).until(() -> !broadcaster.stops.isEmpty());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(broadcaster.stops).containsExactly("UPSTREAM_DEAD: no data for 5 s");
        assertThat(ms).isBetween(4_500L, 9_000L);
        // about 3 s of audio went out as 20 ms packets before the stall
        assertThat(broadcaster.packets.get()).isBetween(130, 160);
        await().atMost(Duration.ofSeconds(2)).until(() -> status.get().state() == RelayState.RETRYING);
        assertThat(status.get().lastError()).isEqualTo("UPSTREAM_DEAD: no data for 5 s");
        assertThat(status.get().announcementId()).isNull();
    }

    @Test
    void aFormatThatNeedsFfmpegNamesTheMissingTool() {
        byte[] ogg = "OggS\0\2 some ogg pages follow".getBytes(StandardCharsets.ISO_8859_1);
        URI url = serve("/vov.ogg", "application/ogg", ogg, true, 200);
        start(url, config().withFfmpeg("loa-test-no-such-ffmpeg"));
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().state() == RelayState.RETRYING);
        assertThat(status.get().lastError()).startsWith("UNSUPPORTED: the stream is Ogg")
                .contains("needs ffmpeg ('loa-test-no-such-ffmpeg'), which is not installed");
        assertThat(broadcaster.opened.get()).isZero();
    }

    @Test
    void aWebPageOrAnHttpErrorIsNotRelayed() {
        URI page = serve("/index.html", "text/html", "<html>portal</html>".getBytes(StandardCharsets.UTF_8), false, 200);
        start(page, config());
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().state() == RelayState.RETRYING);
        assertThat(status.get().lastError()).isEqualTo("UNSUPPORTED: not an audio stream (Content-Type text/html)");
        session.cancel("NEXT");
        URI missing = serve("/gone.mp3", "text/plain", "no such mount".getBytes(StandardCharsets.UTF_8), false, 404);
        start(missing, config());
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().lastError().startsWith("UNREACHABLE"));
        assertThat(status.get().lastError()).startsWith("UNREACHABLE: HTTP 404");
        assertThat(broadcaster.opened.get()).isZero();
    }

    /** One second of a 440 Hz tone at 24 kHz, as a fallback bulletin. */
    private static FallbackAudio tone() {
        short[] pcm = new short[24_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (4000 * Math.sin(2 * Math.PI * 440 * i / 24_000.0));
        }
        return id -> new FallbackAudio.Loop("Nhạc chờ " + id, pcm, 24_000);
    }

    @Test
    void anUnreachableUpstreamWithAFallbackGoesOnAirWithItInRealTime() {
        URI missing = serve("/gone.mp3", "text/plain", "no such mount".getBytes(StandardCharsets.UTF_8), false, 404);
        long started = System.nanoTime();
        start(missing, config(), Duration.ofSeconds(600), broadcaster, 5L, tone());
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().state() == RelayState.FALLBACK);
        assertThat(status.get().lastError()).startsWith("UNREACHABLE: HTTP 404");
        assertThat(status.get().announcementId()).isEqualTo(1L);
        assertThat(broadcaster.opened.get()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> broadcaster.packets.get() > FallbackPlayer.LEAD + 50);
        // real time: never more packets than 20 ms each since the start, plus the lead
        long elapsedPackets = (System.nanoTime() - started) / 20_000_000L;
        assertThat(broadcaster.packets.get()).isLessThanOrEqualTo((int) elapsedPackets + FallbackPlayer.LEAD + 1);
        assertThat(broadcaster.stops).isEmpty();
        session.cancel("TEST_OVER");
        await().atMost(Duration.ofSeconds(5)).until(() -> session.finished());
        assertThat(broadcaster.stops).containsExactly("TEST_OVER");
        session = null;
    }

    @Test
    void aFallbackStoppedFromElsewhereEndsTheSessionUntilTheNextWindow() {
        URI missing = serve("/gone.mp3", "text/plain", "no such mount".getBytes(StandardCharsets.UTF_8), false, 404);
        Broadcaster refusing = relay -> new Broadcaster.OnAir() {
            private int sent;

            @Override
            public long id() {
                return 9;
            }

            @Override
            public boolean packet(byte[] opus) {
                return ++sent <= 30; // an operator stops the announcement after 30 packets
            }

            @Override
            public void end() {
            }

            @Override
            public void stop(String reason) {
            }
        };
        start(missing, config().withRetry(Duration.ofMillis(500), Duration.ofMillis(500)), Duration.ofSeconds(600),
                refusing, 5L, tone());
        await().atMost(Duration.ofSeconds(10)).until(() -> session.finished());
        assertThat(status.get().lastError()).isEqualTo("announcement 9 was stopped outside the relay");
        assertThat(status.get().state()).isEqualTo(RelayState.IDLE);
    }

    @Test
    void aFallbackThatCannotBeLoadedLeavesTheRelayRetryingAndSaysWhy() {
        URI missing = serve("/gone.mp3", "text/plain", "no such mount".getBytes(StandardCharsets.UTF_8), false, 404);
        start(missing, config(), Duration.ofSeconds(600), broadcaster, 5L, FallbackAudio.NONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().state() == RelayState.RETRYING);
        assertThat(status.get().lastError()).startsWith("UNREACHABLE: HTTP 404")
                .contains("; fallback bulletin 5 cannot be played: this controller has no bulletin store");
        assertThat(broadcaster.opened.get()).isZero();
    }

    @Tag("needs-tools")
    @Test
    void theBroadcastEndsNormallyWithTheWindow() throws Exception {
        byte[] mp3 = Files.readAllBytes(Audio.mp3(dir, "vov.mp3", 6.0));
        server.createContext("/vov.mp3", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, 0);
            // in real time, as a radio stream arrives: 96 kbit/s is 1200 bytes every 100 ms
            try (OutputStream out = exchange.getResponseBody()) {
                for (int at = 0; at < mp3.length && !release.await(100, TimeUnit.MILLISECONDS); at += 1200) {
                    out.write(mp3, at, Math.min(1200, mp3.length - at));
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the relay hung up at the window's end, as it should
            }
        });
        start(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/vov.mp3"), config(),
                Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().state() == RelayState.ON_AIR);
        await().atMost(Duration.ofSeconds(5)).until(session::finished);
        assertThat(broadcaster.ends.get()).isEqualTo(1);
        assertThat(broadcaster.stops).isEmpty();
        assertThat(status.get().state()).isEqualTo(RelayState.IDLE);
        assertThat(status.get().lastError()).isNull();
        // about 2 s of audio: the window's length, less the connection time
        assertThat(broadcaster.packets.get()).isBetween(50, 110);
    }

    @Tag("needs-tools")
    @Test
    void cancellingTakesTheRelayOffAirAtOnce() throws Exception {
        Path mp3 = Audio.mp3(dir, "vov.mp3", 2.0);
        URI url = serve("/vov.mp3", "audio/mpeg", Files.readAllBytes(mp3), true, 200);
        RelaySession s = start(url, config());
        await().atMost(Duration.ofSeconds(5)).until(() -> status.get().state() == RelayState.ON_AIR);
        s.cancel("RELAY_DELETED");
        assertThat(s.join(Duration.ofSeconds(3))).isTrue();
        assertThat(broadcaster.stops).containsExactly("RELAY_DELETED");
        assertThat(status.get().state()).isEqualTo(RelayState.IDLE);
        session = null;
    }
}
