package vn.loa.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.pki.Enroller;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** A token works once, within its time, and each refusal says why; a refused enrollment stores nothing. */
@Tag("e2e")
@Timeout(60)
class EnrollmentTokenTest {
    @TempDir
    Path dir;

    private TestController controller;
    private ApiClient api;
    private long station;

    @BeforeEach
    void start() throws Exception {
        controller = Secure.controller(dir.resolve("controller"));
        api = controller.admin();
        station = Secure.station(api, Secure.area(api), "Đài xã Kiên Mộc");
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void aTokenWorksOnce() throws Exception {
        String token = Secure.token(api, station);
        Secure.enroll(controller, token, dir.resolve("first"));
        assertThatThrownBy(() -> Secure.enroll(controller, token, dir.resolve("second")))
                .isInstanceOf(Enroller.EnrollmentException.class)
                .hasMessageContaining("HTTP 409").hasMessageContaining("already used").hasMessageContaining("create a new one");
        assertThat(StationIdentity.exists(dir.resolve("second"))).isFalse();
        assertThat(api.get("/api/v1/stations/" + station + "/certificates").json()).hasSize(1);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        var token = controller.controller().pki().enrollment().createToken(station, null, Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(token.expiresAt()));
        assertThatThrownBy(() -> Secure.enroll(controller, token.token(), dir.resolve("late")))
                .isInstanceOf(Enroller.EnrollmentException.class)
                .hasMessageContaining("HTTP 410").hasMessageContaining("expired at");
        assertThat(StationIdentity.exists(dir.resolve("late"))).isFalse();
    }

    @Test
    void anUnknownOrMistypedTokenIsRefused() {
        String token = Secure.token(api, station);
        String typo = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThatThrownBy(() -> Secure.enroll(controller, typo, dir.resolve("typo")))
                .isInstanceOf(Enroller.EnrollmentException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("unknown enrollment token");
        assertThatThrownBy(() -> Secure.enroll(controller, "short", dir.resolve("short")))
                .isInstanceOf(Enroller.EnrollmentException.class).hasMessageContaining("too short");
        // the real token still works afterwards
        assertThat(StationIdentity.exists(dir.resolve("typo"))).isFalse();
    }

    @Test
    void tokenValidityIsBoundedAndGarbageIsRefused() throws Exception {
        ApiClient.Response zero = api.post("/api/v1/stations/" + station + "/enrollment", Map.of("validHours", 0));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("code").asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(api.post("/api/v1/stations/" + station + "/enrollment", Map.of("validHours", 1000)).status())
                .isEqualTo(400);
        ApiClient.Response r = api.post("/api/v1/stations/" + station + "/enrollment", Map.of("validHours", 2));
        assertThat(r.status()).isEqualTo(201);
        assertThat(Duration.between(Instant.now(), Instant.parse(r.json().get("expiresAt").asText())))
                .isBetween(Duration.ofMinutes(119), Duration.ofMinutes(120));

        HttpResponse<String> garbage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + controller.httpPort() + "/api/v1/enroll"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 1, 2, 3})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("EnrollRequest").contains("\"code\":\"ENROLLMENT_MALFORMED\"");
        assertThat(Files.exists(dir.resolve("controller/pki/ca.key"))).isTrue();
    }
}
