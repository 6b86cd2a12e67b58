package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.gateway.GatewayFixture.written;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.v1.CertificateRenewal;
import vn.loa.protocol.v1.CertificateRenewalRequest;
import vn.loa.protocol.v1.Envelope;

/**
 * Certificate renewal on a station's link: the CA is asked for the link's own station (never one a request
 * could name), and its answer — a certificate or a refusal — goes back to the request.
 */
@Timeout(30)
class CertificateRenewalHandlerTest {
    /** A station CA that answers renewals from a script (the real one is tested in security/RenewalTest). */
    static final class FakeCa implements StationTls.CertificateAuthority {
        final List<String> asked = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public long stationIdOf(X509Certificate certificate) {
            throw new UnsupportedOperationException("not used on plain channels");
        }

        @Override
        public Optional<String> refusal(long stationId, X509Certificate certificate) {
            return Optional.empty();
        }

        @Override
        public CertificateRenewal renew(long stationId, String csrPem) {
            asked.add(stationId + ":" + csrPem);
            if (failure != null) {
                throw failure;
            }
            return csrPem.contains("BAD") ? CertificateRenewal.newBuilder().setError("not a CSR").build()
                    : CertificateRenewal.newBuilder().setCertificatePem("CERT for " + stationId).setNotAfterMs(42).build();
        }
    }

    @TempDir
    Path dir;
    GatewayFixture gw;
    final FakeCa ca = new FakeCa();

    @BeforeEach
    void setUp() {
        gw = new GatewayFixture(dir);
    }

    @AfterEach
    void tearDown() {
        gw.close();
    }

    private static Envelope request(long id, String csr) {
        return Envelope.newBuilder().setRequestId(id).setCertificateRenewalRequest(CertificateRenewalRequest.newBuilder()
                .setCsrPem(csr)).build();
    }

    @Test
    void theCaIsAskedForTheLinksStationAndItsAnswerGoesBack() {
        EmbeddedChannel ch = gw.withSession(new CertificateRenewalHandler(ca, gw.blocking));
        ch.writeInbound(request(51, "CSR"));
        ch.writeInbound(request(52, "BAD CSR"));
        List<Envelope> out = written(ch);
        assertThat(ca.asked).containsExactly(gw.stationId + ":CSR", gw.stationId + ":BAD CSR");
        assertThat(out).extracting(Envelope::getRefersTo).containsExactly(51L, 52L);
        assertThat(out.get(0).getCertificateRenewal().getCertificatePem()).isEqualTo("CERT for " + gw.stationId);
        assertThat(out.get(1).getCertificateRenewal().getError()).isEqualTo("not a CSR");
    }

    @Test
    void aFailureIsAnsweredWithAnErrorTheAgentRetriesOn() {
        ca.failure = new IllegalStateException("the CA key is unreadable");
        EmbeddedChannel ch = gw.withSession(new CertificateRenewalHandler(ca, gw.blocking));
        ch.writeInbound(request(53, "CSR"));
        assertThat(written(ch)).singleElement().satisfies(e -> assertThat(e.getCertificateRenewal().getError())
                .isEqualTo("the controller could not renew the certificate; it will be asked again"));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void otherMessagesPassOn() {
        EmbeddedChannel ch = gw.withSession(new CertificateRenewalHandler(ca, gw.blocking));
        Envelope other = Envelope.newBuilder().setRequestId(3).build();
        ch.writeInbound(other);
        assertThat((Object) ch.readInbound()).isSameAs(other);
        assertThat(ca.asked).isEmpty();
    }
}
