package vn.loa.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/** A certificate with less than 30 days left is renewed over the link, stored, and used at the next connection. */
@Tag("e2e")
@Timeout(90)
class RenewalTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void shortLivedCertificateIsRenewedOverTheLink() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller"),
                SecurityConfig.off().withAgentTls(true).withCertificateValidity(Duration.ofDays(10))));
        ApiClient api = controller.admin();
        long station = Secure.station(api, Secure.area(api), "Đài xã Hòa Lạc");
        Path agentDir = TestAgent.dataDirOf(dir, station);
        StationIdentity first = Secure.enroll(controller, Secure.token(api, station), agentDir);
        assertThat(Duration.between(Instant.now(), first.notAfter())).isLessThan(Duration.ofDays(30));

        TestAgent agent = keep(TestAgent.startTls(controller.agentPort(), station, dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected());
        await().atMost(Duration.ofSeconds(10)).until(() -> !StationIdentity.load(StationIdentity.file(agentDir))
                .certificate().getSerialNumber().equals(first.certificate().getSerialNumber()));
        StationIdentity renewed = StationIdentity.load(StationIdentity.file(agentDir));
        assertThat(renewed.stationId()).isEqualTo(station);
        assertThat(renewed.key()).isNotEqualTo(first.key());
        assertThat(renewed.ca()).isEqualTo(first.ca());
        JsonNode certs = api.get("/api/v1/stations/" + station + "/certificates").json();
        assertThat(certs).extracting(c -> c.get("issuedVia").asText()).startsWith("ENROLL", "RENEW");
        assertThat(certs).extracting(c -> c.get("serial").asText())
                .contains(renewed.certificate().getSerialNumber().toString(16));

        // the next connection presents the renewed certificate (the old key is gone from the file) and is welcomed
        agent.close();
        running.remove(agent);
        TestAgent again = keep(TestAgent.startTls(controller.agentPort(), station, dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> again.agent().isConnected());
        assertThat(controller.controller().registry().isOnline(station)).isTrue();
    }
}
