package vn.loa.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Reject;

/** When the agent port requires mutual TLS, nothing else gets in. */
@Tag("e2e")
@Timeout(90)
class AgentTlsRefusalTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void plainTcpIsRefused() throws Exception {
        TestController controller = keep(Secure.controller(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long area = Secure.area(api);
        ApiClient.Response created = api.post("/api/v1/stations", Map.of("name", "Đài xã", "areaId", area,
                "zones", List.of(Map.of("name", "Thôn 1"))));
        long station = created.json().get("id").asLong();
        String secret = created.json().get("secret").asText();

        // a raw plain-TCP hello with the right secret: the TLS layer closes the connection, nothing is answered
        try (Socket socket = new Socket("127.0.0.1", controller.agentPort())) {
            socket.setSoTimeout(10_000);
            vn.loa.protocol.v1.Envelope.newBuilder().setHello(vn.loa.protocol.v1.Hello.newBuilder()
                    .setProtocolVersion(1).setMinProtocolVersion(1).setStationId(station).setSecret(secret))
                    .build().writeDelimitedTo(socket.getOutputStream());
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            int total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                assertThat(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Welcome");
            }
            assertThat(n).as("closed by the controller").isEqualTo(-1);
            assertThat(total).as("no Loa frame, at most a TLS alert").isLessThan(64);
        }

        // a real agent on plain TCP with its secret never comes online
        TestAgent agent = keep(TestAgent.start(controller.agentPort(), station, secret, dir));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !agent.agent().isConnected());
        assertThat(controller.controller().registry().isOnline(station)).isFalse();
    }

    @Test
    void certificateOfAnotherCaIsRefused() throws Exception {
        TestController ours = keep(Secure.controller(dir.resolve("ours")));
        TestController rogue = keep(Secure.controller(dir.resolve("rogue")));
        long ourStation = Secure.station(ours.admin(), Secure.area(ours.admin()), "Đài xã thật");
        ApiClient rogueApi = rogue.admin();
        long rogueStation = Secure.station(rogueApi, Secure.area(rogueApi), "Đài giả");
        assertThat(rogueStation).isEqualTo(ourStation); // same id, other CA
        StationIdentity foreign = Secure.enroll(rogue, Secure.token(rogueApi, rogueStation), dir.resolve("foreign"));

        // the controller's TLS layer refuses the client certificate: the handshake or the first read fails
        assertThatThrownBy(() -> {
            try (SSLSocket s = Secure.connect(ours.agentPort(), foreign)) {
                Secure.sendHello(s.getOutputStream(), ourStation);
                Envelope e = Secure.read(s.getInputStream());
                assertThat(e).as("no answer to a foreign certificate").isNull();
                throw new javax.net.ssl.SSLException("closed without an answer");
            }
        }).isInstanceOf(java.io.IOException.class);
        assertThat(ours.controller().registry().isOnline(ourStation)).isFalse();
    }

    @Test
    void helloClaimingAnotherStationIsUnauthenticated() throws Exception {
        TestController controller = keep(Secure.controller(dir.resolve("controller")));
        ApiClient api = controller.admin();
        long area = Secure.area(api);
        long a = Secure.station(api, area, "Đài A");
        long b = Secure.station(api, area, "Đài B");
        StationIdentity identityA = Secure.enroll(controller, Secure.token(api, a), dir.resolve("a"));

        try (SSLSocket s = Secure.connect(controller.agentPort(), identityA)) {
            Secure.sendHello(s.getOutputStream(), b);
            Envelope e = Secure.read(s.getInputStream());
            assertThat(e).isNotNull();
            assertThat(e.getReject().getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
            assertThat(e.getReject().getMessage()).contains("station " + b).contains("station " + a + "'s");
            assertThat(Secure.read(s.getInputStream())).as("closed after the reject").isNull();
        }
        assertThat(controller.controller().registry().isOnline(b)).isFalse();

        // the same certificate with its own id (or none) is welcomed
        try (SSLSocket s = Secure.connect(controller.agentPort(), identityA)) {
            Secure.sendHello(s.getOutputStream(), 0);
            Envelope e = Secure.read(s.getInputStream());
            assertThat(e.getKindCase()).isEqualTo(Envelope.KindCase.WELCOME);
            await().atMost(Duration.ofSeconds(5)).until(() -> controller.controller().registry().isOnline(a));
        }
    }
}
