package vn.loa.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import vn.loa.agent.pki.Enroller;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Hello;

/** Shared steps of the security tests: a controller that requires mutual TLS, stations, tokens, raw TLS clients. */
final class Secure {
    private Secure() {
    }

    /** Agent port: mutual TLS required. Console: plain HTTP, so {@link ApiClient} works. */
    static TestController controller(Path dir) throws Exception {
        return TestController.start(dir, SecurityConfig.off().withAgentTls(true));
    }

    static long area(ApiClient api) {
        ApiClient.Response p = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE"));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        ApiClient.Response r = api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE",
                "parentId", p.json().get("id").asLong()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long station(ApiClient api, long areaId, String name) {
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", areaId,
                "zones", List.of(Map.of("name", "Thôn 1"), Map.of("name", "Thôn 2"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static String token(ApiClient api, long stationId) {
        ApiClient.Response r = api.post("/api/v1/stations/" + stationId + "/enrollment", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    static URI http(TestController c) {
        return URI.create("http://127.0.0.1:" + c.httpPort());
    }

    static StationIdentity enroll(TestController c, String token, Path agentDir) throws Enroller.EnrollmentException {
        return Enroller.enroll(http(c), token, agentDir);
    }

    /** A raw TLS connection to the agent port presenting this identity. */
    static SSLSocket connect(int port, StationIdentity identity) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("station", identity.key(), new char[0], new X509Certificate[] {identity.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", identity.ca());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    static void sendHello(OutputStream out, long stationId) throws IOException {
        Envelope.newBuilder().setRequestId(1).setHello(Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)
                .setMinProtocolVersion(ProtocolVersion.MINIMUM).setStationId(stationId).setAgentVersion("test"))
                .build().writeDelimitedTo(out);
        out.flush();
    }

    /** The next envelope, or null when the controller closed the connection. */
    static Envelope read(InputStream in) throws IOException {
        return Envelope.parseDelimitedFrom(in);
    }
}
