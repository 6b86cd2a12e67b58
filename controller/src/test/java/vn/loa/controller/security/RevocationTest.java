package vn.loa.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.agent.pki.Enroller;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Reject;

/** A revoked station is cut off at once and refused afterwards; a new enrollment brings it back. */
@Tag("e2e")
@Timeout(90)
class RevocationTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void revokedStationIsCutOffAndCannotReconnect() throws Exception {
        TestController controller = keep(Secure.controller(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long area = Secure.area(api);
        long station = Secure.station(api, area, "Đài xã Hữu Lễ");
        long other = Secure.station(api, area, "Đài xã Tú Xuyên");
        StationIdentity identity = Secure.enroll(controller, Secure.token(api, station), TestAgent.dataDirOf(dir, station));
        Secure.enroll(controller, Secure.token(api, other), TestAgent.dataDirOf(dir, other));
        String pendingToken = Secure.token(api, station);
        TestAgent agent = keep(TestAgent.startTls(controller.agentPort(), station, dir));
        TestAgent bystander = keep(TestAgent.startTls(controller.agentPort(), other, dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected() && bystander.agent().isConnected());

        ApiClient.Response revoked = api.post("/api/v1/stations/" + station + "/revoke", Map.of());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("disconnected").asBoolean()).isTrue();
        assertThat(revoked.json().get("revokedCertificates")).extracting(JsonNode::asText)
                .containsExactly(identity.certificate().getSerialNumber().toString(16));
        assertThat(revoked.json().get("cancelledTokens").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(3)).until(() -> !agent.agent().isConnected()
                && !controller.controller().registry().isOnline(station));
        // it keeps redialling and is refused every time; the other station is untouched
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> !agent.agent().isConnected() && !controller.controller().registry().isOnline(station));
        assertThat(bystander.agent().isConnected()).isTrue();

        // the refusal is explicit at the hello
        try (SSLSocket s = Secure.connect(controller.agentPort(), identity)) {
            Secure.sendHello(s.getOutputStream(), station);
            Envelope e = Secure.read(s.getInputStream());
            assertThat(e.getReject().getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
        }
        assertThat(api.get("/api/v1/stations/" + station + "/certificates").json().get(0).get("revokedAt").isNull())
                .isFalse();

        // a token made before the revocation no longer works
        try {
            Enroller.enroll(Secure.http(controller), pendingToken, dir.resolve("stolen"));
            throw new AssertionError("a cancelled token enrolled");
        } catch (Enroller.EnrollmentException e) {
            assertThat(e.getMessage()).contains("HTTP 410").contains("revoked");
        }

        // a replacement Pi: a new token, a new certificate, online again
        agent.close();
        running.remove(agent);
        Secure.enroll(controller, Secure.token(api, station), dir.resolve("replacement"));
        java.nio.file.Files.copy(StationIdentity.file(dir.resolve("replacement")),
                StationIdentity.file(TestAgent.dataDirOf(dir, station)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TestAgent replacement = keep(TestAgent.startTls(controller.agentPort(), station, dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> replacement.agent().isConnected());
    }

    @Test
    void onlyAdminsAndTechniciansRevokeAndEnrollUnknownStationsAreNotFound() throws Exception {
        TestController controller = keep(Secure.controller(dir.resolve("controller")));
        ApiClient api = controller.admin();
        assertThat(api.post("/api/v1/stations/999/revoke", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/stations/999/enrollment", Map.of()).status()).isEqualTo(404);
        assertThat(api.withoutAuth().post("/api/v1/stations/1/revoke", Map.of()).status()).isEqualTo(401);
        assertThat(api.withoutAuth().post("/api/v1/stations/1/enrollment", Map.of()).status()).isEqualTo(401);
    }
}
