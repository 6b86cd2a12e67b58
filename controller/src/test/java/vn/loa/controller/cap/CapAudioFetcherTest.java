package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.outbound.OutboundPolicy;

/**
 * A CAP resource fetched from a real HTTP server on loopback, under the outbound policy: what is used, and every way
 * a resource is refused (the reason the caller records when it speaks the text instead).
 */
@Timeout(60)
class CapAudioFetcherTest {
    static final byte[] AUDIO = "RIFF....WAVEfmt not really audio, the decoder judges that later".getBytes();
    static final OutboundPolicy LOOPBACK_ALLOWED = OutboundPolicy.allowing(List.of("127.0.0.1"));
    static final CapAudioFetcher.Limits SMALL = new CapAudioFetcher.Limits(1024, Duration.ofSeconds(2),
            Duration.ofSeconds(2), 2);

    @TempDir
    Path tmp;

    HttpServer server;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/a.wav", x -> answer(x, 200, "audio/wav", AUDIO));
        server.createContext("/a.mp3", x -> answer(x, 200, "application/octet-stream", AUDIO));
        server.createContext("/page", x -> answer(x, 200, "text/html; charset=utf-8", "<html></html>".getBytes()));
        server.createContext("/gone", x -> answer(x, 404, "text/plain", "gone".getBytes()));
        server.createContext("/big", x -> answer(x, 200, "audio/mpeg", new byte[4096]));
        server.createContext("/big-chunked", x -> {
            x.getResponseHeaders().set("Content-Type", "audio/mpeg");
            x.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[4096]);
            }
        });
        server.createContext("/moved", x -> redirect(x, "/a.wav"));
        server.createContext("/loop", x -> redirect(x, "/loop"));
        server.createContext("/elsewhere", x -> redirect(x, "http://127.0.0.2:" + port() + "/a.wav"));
        server.createContext("/slow", x -> {
            x.getResponseHeaders().set("Content-Type", "audio/wav");
            x.sendResponseHeaders(200, 100);
            x.getResponseBody().write(new byte[10]);
            x.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    static void answer(com.sun.net.httpserver.HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    static void redirect(com.sun.net.httpserver.HttpExchange x, String to) throws IOException {
        x.getResponseHeaders().set("Location", to);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    CapAudioFetcher.Result fetch(OutboundPolicy policy, String path, String digest) throws InterruptedException {
        try (CapAudioFetcher f = new CapAudioFetcher(policy, SMALL, tmp)) {
            return f.fetch(URI.create("http://127.0.0.1:" + port() + path), digest);
        }
    }

    record Used(String path, String digest) {
    }

    static Stream<Used> used() throws Exception {
        return Stream.of(new Used("/a.wav", null), new Used("/a.mp3", null), new Used("/moved", null),
                new Used("/a.wav", hex("SHA-1", AUDIO)), new Used("/a.wav", hex("SHA-256", AUDIO).toUpperCase()));
    }

    @ParameterizedTest
    @MethodSource("used")
    void aResourceThePolicyAllowsIsFetchedWhole(Used c) throws Exception {
        CapAudioFetcher.Result r = fetch(LOOPBACK_ALLOWED, c.path(), c.digest());
        assertThat(r).isInstanceOfSatisfying(CapAudioFetcher.Fetched.class, f -> {
            assertThat(f.bytes()).isEqualTo(AUDIO.length);
            try {
                assertThat(Files.readAllBytes(f.file())).isEqualTo(AUDIO);
                Files.delete(f.file());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    record Refusal(String path, String digest, CapAudioFetcher.Reason reason, String detail) {
    }

    static Stream<Refusal> refused() throws Exception {
        return Stream.of(
                new Refusal("/gone", null, CapAudioFetcher.Reason.HTTP_STATUS, "HTTP 404"),
                new Refusal("/page", null, CapAudioFetcher.Reason.NOT_AUDIO, "text/html"),
                new Refusal("/big", null, CapAudioFetcher.Reason.TOO_LARGE, "1024"),
                new Refusal("/big-chunked", null, CapAudioFetcher.Reason.TOO_LARGE, "1024"),
                new Refusal("/loop", null, CapAudioFetcher.Reason.TOO_MANY_REDIRECTS, "2 redirects"),
                new Refusal("/elsewhere", null, CapAudioFetcher.Reason.URL_REFUSED, "127.0.0.2"),
                new Refusal("/a.wav", hex("SHA-1", "other".getBytes()), CapAudioFetcher.Reason.DIGEST_MISMATCH, "SHA-1"),
                new Refusal("/a.wav", hex("SHA-256", "other".getBytes()), CapAudioFetcher.Reason.DIGEST_MISMATCH,
                        "SHA-256"),
                new Refusal("/a.wav", "abc", CapAudioFetcher.Reason.DIGEST_MISMATCH, "neither"),
                new Refusal("/slow", null, CapAudioFetcher.Reason.UNREACHABLE, "within 2 s"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void aResourceIsRefusedWithItsReasonAndLeavesNoFile(Refusal c) throws Exception {
        CapAudioFetcher.Result r = fetch(LOOPBACK_ALLOWED, c.path(), c.digest());
        assertThat(r).isInstanceOfSatisfying(CapAudioFetcher.Refused.class, f -> {
            assertThat(f.reason()).isEqualTo(c.reason());
            assertThat(f.detail()).contains(c.detail());
        });
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anInternalAddressIsRefusedUnlessAllowed() throws Exception {
        CapAudioFetcher.Result r = fetch(OutboundPolicy.publicOnly(), "/a.wav", null);
        assertThat(r).isInstanceOfSatisfying(CapAudioFetcher.Refused.class,
                f -> assertThat(f.reason()).isEqualTo(CapAudioFetcher.Reason.URL_REFUSED));
    }

    @Test
    void aDeadLinkIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (CapAudioFetcher f = new CapAudioFetcher(LOOPBACK_ALLOWED, SMALL, tmp)) {
            CapAudioFetcher.Result r = f.fetch(URI.create("http://127.0.0.1:" + closed + "/a.wav"), null);
            assertThat(r).isInstanceOfSatisfying(CapAudioFetcher.Refused.class,
                    x -> assertThat(x.reason()).isEqualTo(CapAudioFetcher.Reason.UNREACHABLE));
        }
    }
}
