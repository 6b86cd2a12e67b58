package vn.loa.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.TestController;

/** The console and API over HTTPS with the self-signed certificate made at first start. */
@Tag("e2e")
@Timeout(60)
class HttpsTest {
    @TempDir
    Path dir;

    @Test
    void apiAnswersOverHttpsWithTheSelfSignedCertificate() throws Exception {
        Path data = dir.resolve("controller");
        try (TestController controller = TestController.start(data, SecurityConfig.secure())) {
            Path certFile = data.resolve("pki/https.crt");
            X509Certificate cert;
            try (var in = Files.newInputStream(certFile)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
            assertThat(cert.getSubjectAlternativeNames()).extracting(n -> String.valueOf(n.get(1)))
                    .contains("localhost", "127.0.0.1");
            assertThat(Files.getPosixFilePermissions(data.resolve("pki/https.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            // a client that trusts exactly this certificate, with host name verification on
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("loa", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
            for (String host : List.of("127.0.0.1", "localhost")) {
                HttpResponse<String> r = https.send(HttpRequest.newBuilder(
                        URI.create("https://" + host + ":" + controller.httpPort() + "/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("\"status\":\"ok\"");
                assertThat(r.sslSession()).get().satisfies(s -> assertThat(s.getPeerCertificates()[0]).isEqualTo(cert));
            }

            // a client with the default trust store refuses it (self-signed), and plain HTTP gets no answer
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + controller.httpPort() + "/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThatThrownBy(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.httpPort() + "/api/v1/health"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }

        // the same certificate is served after a restart (not made again)
        byte[] before = Files.readAllBytes(data.resolve("pki/https.crt"));
        try (TestController again = TestController.start(data, SecurityConfig.secure())) {
            assertThat(Files.readAllBytes(data.resolve("pki/https.crt"))).isEqualTo(before);
        }
    }
}
