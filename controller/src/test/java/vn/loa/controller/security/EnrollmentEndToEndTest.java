package vn.loa.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.Json;

/**
 * Token → certificate → mutual TLS → a scheduled bulletin played and reported, all over the real
 * path: the API makes the token, the agent's enrollment code makes its key and CSR and calls
 * {@code POST /api/v1/enroll}, the agent dials the TLS-only agent port.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(120)
class EnrollmentEndToEndTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void enrolledStationConnectsOverMutualTlsAndPlaysAScheduledBulletin() throws Exception {
        TestController controller = keep(Secure.controller(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long area = Secure.area(api);
        long station = Secure.station(api, area, "Đài xã Đội Cấn");

        ApiClient.Response created = api.post("/api/v1/stations/" + station + "/enrollment", java.util.Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asText();
        assertThat(token).matches("([A-Z2-7]{4}-){7}[A-Z2-7]{4}");
        Instant expires = Instant.parse(created.json().get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        // only digests are stored
        assertThat(new vn.loa.controller.storage.Jdbc(controller.controller().database()).query(
                "SELECT token_id, mac_key FROM enrollment_token", rs -> rs.getString(1) + rs.getString(2)))
                .singleElement().asString().doesNotContain(token).doesNotContain(token.replace("-", ""));

        Path agentDir = TestAgent.dataDirOf(dir, station);
        StationIdentity identity = Secure.enroll(controller, token.toLowerCase(), agentDir);
        assertThat(identity.stationId()).isEqualTo(station);
        assertThat(identity.certificate().getSubjectX500Principal().getName()).contains("CN=station-" + station);
        assertThat(Duration.between(Instant.now(), identity.notAfter())).isBetween(Duration.ofDays(364), Duration.ofDays(366));
        assertThat(identity.key().getAlgorithm()).isEqualTo("EC");
        // docs/updates.md: the release key arrives with the certificate, proven by the same token
        assertThat(Files.readAllBytes(agentDir.resolve("pki/release-key.der"))).isEqualTo(java.util.Base64.getDecoder()
                .decode(api.get("/api/v1/releases/key").json().get("publicKey").asText()));
        assertThat(Files.getPosixFilePermissions(StationIdentity.file(agentDir)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("controller/pki/ca.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode certs = api.get("/api/v1/stations/" + station + "/certificates").json();
        assertThat(certs).hasSize(1);
        assertThat(certs.get(0).get("serial").asText()).isEqualTo(identity.certificate().getSerialNumber().toString(16));
        assertThat(certs.get(0).get("issuedVia").asText()).isEqualTo("ENROLL");
        assertThat(api.get("/api/v1/pki").json().get("caFingerprintSha256").asText())
                .isEqualTo(created.json().get("caFingerprintSha256").asText());

        TestAgent agent = keep(TestAgent.startTls(controller.agentPort(), station, dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected() && agent.agent().clock().isSynchronised());
        assertThat(api.get("/api/v1/stations/" + station).json().get("online").asBoolean()).isTrue();

        Path mp3 = Audio.mp3(dir, "bao.mp3", 3.0);
        ApiClient.Response up = api.upload("/api/v1/bulletins", "Bản tin", "bao.mp3", Files.readAllBytes(mp3));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        Instant at = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("bulletinId", up.json().get("id").asLong()).put("title", "Thử nghiệm TLS").put("priority", "NORMAL");
        ObjectNode targets = body.putObject("targets");
        targets.putArray("stationIds").add(station);
        targets.putArray("areaIds");
        targets.putArray("zoneIds");
        body.putObject("rule").put("type", "once").put("at", Json.local(at));
        ApiClient.Response schedule = api.post("/api/v1/schedules", body);
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/plays").json().size() == 1);
        JsonNode play = api.get("/api/v1/plays").json().get(0);
        assertThat(play.get("outcome").asText()).isEqualTo("PLAYED");
        assertThat(play.get("stationId").asLong()).isEqualTo(station);
        assertThat(Math.abs(Instant.parse(play.get("startedAt").asText()).toEpochMilli() - at.toEpochMilli())).isLessThan(100);
        assertThat(agent.recordings()).hasSize(1);
    }
}
