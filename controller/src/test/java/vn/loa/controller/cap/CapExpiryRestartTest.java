package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.TestWav;

/**
 * A CAP alert's {@code expires} is the leader's job, stored with the alert: a 30-second audio alert that expires a
 * few seconds after it airs is stopped then at a real agent; and an alert whose controller is restarted before its
 * expiry is still ended, by the restarted controller, once its time has come (nothing was held in memory only).
 */
@Tag("e2e")
@Timeout(180)
class CapExpiryRestartTest {
    static final byte[] WAV = TestWav.tone(16000, 30.0);

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    HttpServer files;

    @AfterEach
    void stopFiles() {
        if (files != null) {
            files.stop(0);
        }
    }

    TestController start() throws Exception {
        TestController c = TestController.start(dir.resolve("controller"),
                SecurityConfig.off().withRelayAllow(List.of("127.0.0.1")));
        running.add(c);
        return c;
    }

    /** Province 20, commune 05971 and its station; returns the station's enrollment answer. */
    static JsonNode station(ApiClient admin) {
        long province = admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE", "code", "20"))
                .json().get("id").asLong();
        long commune = admin.post("/api/v1/areas", Map.of("name", "Phường Chi Lăng", "kind", "COMMUNE", "parentId",
                province, "code", "05971")).json().get("id").asLong();
        ApiClient.Response s = admin.post("/api/v1/stations", Map.of("name", "Đài Chi Lăng", "areaId", commune,
                "zones", List.of(Map.of("name", "Thôn 1"))));
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        return s.json();
    }

    String expiring(String identifier, Duration in) {
        String expires = OffsetDateTime.now(ZoneOffset.ofHours(7)).plus(in)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
        String uri = "http://127.0.0.1:" + files.getAddress().getPort() + "/alert.wav";
        return CapResourceAudioEndToEndTest.alert(identifier, uri, null, null).replace(
                "<certainty>Observed</certainty>", "<certainty>Observed</certainty>\n<expires>" + expires + "</expires>");
    }

    static ApiClient.Response post(ApiClient admin, String xml) {
        return admin.send(admin.builder("/api/v1/cap").header("Content-Type", "application/cap+xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    @Test
    void anExpiryIsStoredAndCarriedOutByTheLeaderAlsoAfterARestart() throws Exception {
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/alert.wav", x -> {
            x.getResponseHeaders().set("Content-Type", "audio/wav");
            x.sendResponseHeaders(200, WAV.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(WAV);
            }
        });
        files.start();
        TestController first = start();
        ApiClient admin = first.admin();
        JsonNode station = station(admin);
        TestAgent agent = TestAgent.start(first.agentPort(), station.get("id").asLong(), station.get("secret").asText(),
                dir);
        running.add(agent);
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.agent().isConnected()
                && agent.agent().clock().isSynchronised());

        // a 30 s alert expiring in 6 s is stopped then, not when its audio ends
        ApiClient.Response r = post(admin, expiring("LS-EXP-1", Duration.ofSeconds(6)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asText()).isEqualTo("AIRED");
        assertThat(r.json().get("expiresAt").isNull()).isFalse();
        long announcement = r.json().get("announcementId").asLong();
        long capId = r.json().get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> !admin.get("/api/v1/cap/" + capId).json()
                .get("expiredAt").isNull());
        await().atMost(Duration.ofSeconds(10)).until(() -> !admin.get("/api/v1/announcements/" + announcement).json()
                .get("state").asText().equals("ACTIVE"));
        JsonNode ended = admin.get("/api/v1/cap/" + capId).json();
        assertThat(Instant.parse(ended.get("expiredAt").asText()))
                .isAfterOrEqualTo(Instant.parse(ended.get("expiresAt").asText()));

        // an alert whose controller restarts before it expires: the restarted controller ends it
        ApiClient.Response before = post(admin, expiring("LS-EXP-2", Duration.ofSeconds(8)));
        assertThat(before.status()).as(before.body()).isEqualTo(201);
        long restartedId = before.json().get("id").asLong();
        assertThat(admin.get("/api/v1/cap/" + restartedId).json().get("expiredAt").isNull()).isTrue();
        first.close();
        TestController second = start();
        ApiClient again = second.admin();
        await().atMost(Duration.ofSeconds(30)).until(() -> !again.get("/api/v1/cap/" + restartedId).json()
                .get("expiredAt").isNull());
        JsonNode after = again.get("/api/v1/cap/" + restartedId).json();
        assertThat(Instant.parse(after.get("expiredAt").asText()))
                .isAfterOrEqualTo(Instant.parse(after.get("expiresAt").asText()));
    }
}
