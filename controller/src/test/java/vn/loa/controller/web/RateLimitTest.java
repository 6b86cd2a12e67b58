package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** Floods are cut with 429 per remote address; normal use is not. */
@Timeout(60)
class RateLimitTest {
    @TempDir
    Path dir;

    @Test
    void aBucketAllowsItsBurstThenRefusesUntilItRefills() {
        RequestRateLimiter limiter = new RequestRateLimiter(0.001, 3, Json.mapper(),
                vn.loa.controller.net.TrustedProxies.of(java.util.List.of("10.0.0.0/24")));
        InetSocketAddress a = new InetSocketAddress("10.1.2.3", 5000);
        InetSocketAddress b = new InetSocketAddress("10.9.9.9", 5000);
        InetSocketAddress proxy = new InetSocketAddress("10.0.0.7", 5000);
        InetSocketAddress self = new InetSocketAddress("127.0.0.1", 5000);
        assertThat(limiter.allowed(a)).isTrue();
        assertThat(limiter.allowed(a)).isTrue();
        assertThat(limiter.allowed(a)).isTrue();
        assertThat(limiter.allowed(a)).as("beyond the burst").isFalse();
        assertThat(limiter.allowed(b)).as("another address has its own bucket").isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.allowed(proxy)).as("a trusted proxy's own requests are not limited").isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.allowed(self)).isTrue();
        }
        assertThat(limiter.allowed(self)).as("the controller's own host is limited like any other (issue 13)").isFalse();
    }

    @Tag("e2e")
    @Test
    void aFloodOfRequestsGets429AndTheControllerStaysUsable() throws Exception {
        try (TestController c = TestController.start(dir.resolve("c"))) {
            int sent = (int) (HttpInitializer.RATE_BURST * 2.5);
            java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < sent; i++) {
                    pool.execute(() -> {
                        String status = statusOf(c.httpPort());
                        if (status.contains(" 200 ")) {
                            ok.incrementAndGet();
                        } else if (status.contains(" 429 ")) {
                            refused.incrementAndGet();
                        }
                    });
                }
            }
            assertThat(ok.get()).as("the burst was served").isGreaterThanOrEqualTo((int) HttpInitializer.RATE_BURST);
            assertThat(refused.get()).as("the flood was cut").isPositive();
            // the bucket refills: normal requests work again shortly after
            ApiClient api = new ApiClient(c.httpPort());
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/health").status() == 200);
        }
    }

    /** One request on its own connection, from 127.0.0.2 (another host as far as the limiter is concerned). */
    private static String statusOf(int port) {
        try (Socket s = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
                java.net.InetAddress.getByName("127.0.0.2"), 0)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int eol = answer.indexOf("\r\n");
            return eol < 0 ? answer : answer.substring(0, eol) + " ";
        } catch (java.io.IOException e) {
            return "error " + e.getMessage();
        }
    }

}
