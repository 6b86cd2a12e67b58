package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.account.LoginThrottle;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/**
 * Issue 13: {@code --trusted-proxy}. X-Forwarded-For names the client only when a listed proxy sends it; the
 * sign-in throttle, the rate limiter and the audit key on that client, so one client behind the proxy being
 * throttled does not throttle another, and a header from anyone else changes nothing. The proxy is 127.0.0.5; a
 * client that connects directly is 127.0.0.6 (real HTTP on loopback).
 */
@Tag("e2e")
@Timeout(120)
class ClientAddressApiTest {
    static final String PROXY = "127.0.0.5";
    static final String DIRECT = "127.0.0.6";

    @TempDir
    static Path dir;

    static TestController controller;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"), SecurityConfig.off().withTrustedProxies(List.of(PROXY)));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static ApiClient.Response signIn(ApiClient from, String forwardedFor, String password) {
        var b = from.builder("/api/v1/session").header("Content-Type", "application/json");
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        String body = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";
        return from.send(b.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Wrong passwords until the throttle answers 429 (the free failures, then a delay that doubles each time, so
     * a slow machine gets there too); at most twice the free failures and a few more.
     */
    static ApiClient.Response failUntilThrottled(ApiClient from, java.util.function.IntFunction<String> forwardedFor) {
        ApiClient.Response last = null;
        for (int i = 0; i < 2 * LoginThrottle.ADDRESS_FREE_FAILURES + 4; i++) {
            last = signIn(from, forwardedFor.apply(i), "sai-mat-khau");
            assertThat(last.status()).as(last.body()).isIn(401, 429);
            if (last.status() == 429) {
                return last;
            }
        }
        return last;
    }

    @Test
    void whileOneClientBehindTheProxyIsThrottledAnotherSignsInAtOnce() {
        try (ApiClient proxy = new ApiClient(controller.httpPort(), PROXY)) {
            ApiClient.Response attacker = failUntilThrottled(proxy, i -> "203.0.113.10");
            assertThat(attacker.status()).as(attacker.body()).isEqualTo(429);
            assertThat(attacker.json().get("code").asText()).isEqualTo("SIGN_IN_THROTTLED");
            // the real admin, behind the same proxy, from another address: at once
            ApiClient.Response admin = signIn(proxy, "198.51.100.20", TestController.ADMIN_PASSWORD);
            assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        }
        // the audit names the client behind the proxy, not the proxy
        List<String> from = failedSignInAddresses();
        assertThat(from).contains("203.0.113.10").doesNotContain(PROXY);
    }

    @Test
    void aForwardedForFromAnUntrustedPeerIsIgnored() {
        try (ApiClient direct = new ApiClient(controller.httpPort(), DIRECT)) {
            // a new made-up client address on every attempt escapes nothing: the throttle keys on the peer
            ApiClient.Response spoofed = failUntilThrottled(direct, i -> "192.0.2." + i);
            assertThat(spoofed.status()).as(spoofed.body()).isEqualTo(429);
        }
        assertThat(failedSignInAddresses()).contains(DIRECT).noneMatch(a -> a.startsWith("192.0.2."));
    }

    @Test
    void theRateLimiterCutsOneClientBehindTheProxyAndServesAnother() throws Exception {
        int sent = (int) (HttpInitializer.RATE_BURST * 3);
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        try (ApiClient proxy = new ApiClient(controller.httpPort(), PROXY);
                var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < sent; i++) {
                pool.execute(() -> {
                    try {
                        if (proxy.send(proxy.builder("/api/v1/health").header("X-Forwarded-For", "203.0.113.30").GET())
                                .status() == 429) {
                            refused.incrementAndGet();
                        }
                    } catch (IllegalStateException closedAfterA429) {
                        // the connection closed under a request in flight
                    }
                });
            }
        }
        assertThat(refused.get()).as("the flooding client is cut").isPositive();
        assertThat(pipelined(PROXY, "203.0.113.31", 1)).as("another client behind the proxy").contains(" 200 ");
        assertThat(pipelined(PROXY, null, 1)).as("the proxy's own request").contains(" 200 ");
    }

    /** {@code n} pipelined GETs on one connection from {@code local}; the status lines of the answers. */
    static String pipelined(String local, String forwardedFor, int n) throws Exception {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), controller.httpPort(), InetAddress.getByName(local), 0)) {
            s.setSoTimeout(30_000);
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < n; i++) {
                requests.append("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                if (forwardedFor != null) {
                    requests.append("X-Forwarded-For: ").append(forwardedFor).append("\r\n");
                }
                requests.append(i == n - 1 ? "Connection: close\r\n\r\n" : "\r\n");
            }
            OutputStream out = s.getOutputStream();
            try {
                out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedByTheLimiter) {
                // the limiter answered 429 and closed while requests were still being written
            }
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            try {
                for (int got; (got = s.getInputStream().read(buf)) > 0; ) {
                    read.write(buf, 0, got);
                }
            } catch (java.net.SocketException reset) {
                // reset after the 429: what was read is enough
            }
            StringBuilder lines = new StringBuilder();
            for (String line : read.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                if (line.startsWith("HTTP/1.1 ")) {
                    lines.append(line).append(" \n");
                }
            }
            return lines.toString();
        }
    }

    static List<String> failedSignInAddresses() {
        JsonNode rows = controller.admin().get("/api/v1/audit?action=" + "POST%20/api/v1/session&limit=500").json();
        List<String> out = new ArrayList<>();
        rows.forEach(r -> {
            if (r.path("detail").asText("").startsWith("sign-in failed")) {
                out.add(r.path("remoteAddress").asText());
            }
        });
        return out;
    }
}
