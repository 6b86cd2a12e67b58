package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/**
 * Issue 13, findings 3 and 4: unauthenticated bodies and slow heads cannot hold the controller's memory or
 * connections. Clients come from several 127.x.y.z addresses; bounds are read from the HTTP budget's gauges.
 */
@Tag("e2e")
@Timeout(180)
class HttpLimitsTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static HttpBudget budget;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        budget = controller.controller().httpBudget();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @AfterEach
    void closeSockets() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed by the controller
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> budget.connections() == 0);
    }

    /** A connection from 127.0.0.{first + i / 50}: at most 50 per address, below the per-address cap. */
    Socket open(int first, int i, String send) throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), controller.httpPort(),
                InetAddress.getByName("127.0.0." + (first + i / 50)), 0);
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(send.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    @Test
    void twoHundredHeldUnauthenticatedBodiesStayWithinTheSmallLimitAndAreClosedForBeingSlow() throws Exception {
        long lateBefore = budget.closedForBeingLate();
        String head = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 16000\r\n\r\n";
        for (int i = 0; i < 200; i++) {
            open(10, i, head + "{\"username\":\"" + "a".repeat(8000));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> budget.bodyBytes() >= 100 * 8000L);
        long bound = 200L * budget.limits().smallBody();
        assertThat(budget.peakBodyBytes()).as("bytes held, all connections").isLessThanOrEqualTo(bound);
        try (ApiClient api = new ApiClient(controller.httpPort())) { // closed: a kept-alive connection would count
            assertThat(api.get("/api/v1/health").status()).as("the API answers").isEqualTo(200);
        }
        // a body that comes too slowly is cut at its deadline, and its bytes are given back
        await().atMost(Duration.ofSeconds(60)).until(() -> budget.connections() == 0 && budget.bodyBytes() == 0);
        assertThat(budget.closedForBeingLate() - lateBefore).isGreaterThanOrEqualTo(200);
    }

    @Test
    void aLargeBodyBeforeSignInIsRefusedAtItsHead() throws Exception {
        for (String path : new String[] {"/api/v1/session", "/api/v1/bulletins", "/api/v1/stations"}) {
            Socket s = open(40, 0, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000\r\n\r\n");
            s.setSoTimeout(10_000);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as(path).containsAnyOf("413", "401");
            assertThat(answer).as(path).containsAnyOf("BODY_TOO_LARGE", "SIGN_IN_REQUIRED");
        }
        assertThat(budget.peakBodyBytes()).isLessThan(10_000_000L);
    }

    @Test
    void fiveHundredSlowHeadsAreClosedAtTheDeadline() throws Exception {
        long lateBefore = budget.closedForBeingLate();
        for (int i = 0; i < 500; i++) {
            open(20, i, "GET /api/v1/health HTTP/1.1\r\nHo");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> budget.connections() >= 400);
        try (ApiClient api = new ApiClient(controller.httpPort())) {
            assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(45)).until(() -> budget.connections() == 0);
        assertThat(budget.closedForBeingLate() - lateBefore).isGreaterThanOrEqualTo(500);
    }

    @Test
    void oneAddressCannotTakeMoreThanItsShareOfConnections() throws Exception {
        long refusedBefore = budget.refusedConnections();
        int cap = budget.limits().maxPerAddress();
        for (int i = 0; i < cap + 10; i++) {
            Socket s = new Socket(InetAddress.getByName("127.0.0.1"), controller.httpPort(),
                    InetAddress.getByName("127.0.0.50"), 0);
            sockets.add(s);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> budget.refusedConnections() - refusedBefore >= 10);
        assertThat(budget.connections()).isLessThanOrEqualTo(cap);
        // another address is served at once
        try (ApiClient other = new ApiClient(controller.httpPort(), "127.0.0.51")) {
            assertThat(other.get("/api/v1/health").status()).isEqualTo(200);
        }
    }
}
