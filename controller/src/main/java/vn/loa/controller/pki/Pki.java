package vn.loa.controller.pki;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.pki.Pem;

/**
 * The controller's identity and encryption, built once from {@link SecurityConfig}: the station CA,
 * enrollment, the TLS context and certificate checks of the agent gateway's mutual TLS (null when
 * {@code --agent-tls off}) and the console's HTTPS (null when {@code --http-tls off}). Everything lives
 * under {@code <data>/pki/}.
 */
public final class Pki {
    private final SecurityConfig config;
    private final CertificateAuthority ca;
    private final EnrollmentService enrollment;
    private final StationCertificates certificates;
    private final SslContext agentTls;
    private final ServerIdentities.Identity https;
    private final SslContext httpsContext;

    private Pki(SecurityConfig config, CertificateAuthority ca, EnrollmentService enrollment,
            StationCertificates certificates, SslContext agentTls, ServerIdentities.Identity https,
            SslContext httpsContext) {
        this.config = config;
        this.ca = ca;
        this.enrollment = enrollment;
        this.certificates = certificates;
        this.agentTls = agentTls;
        this.https = https;
        this.httpsContext = httpsContext;
    }

    public static Pki open(SecurityConfig config, Path dataDir, Jdbc jdbc, StationRepository stations,
            StationLinks links, Clock clock) throws IOException {
        return open(config, dataDir, jdbc, stations, links, clock, null);
    }

    /**
     * @param caKey with a key (a cluster on PostgreSQL, {@code --ca-key-file}) the station CA is the one in
     *              the database, its key encrypted with this one ({@link SharedCa}); null: the CA under
     *              {@code pki/}
     */
    public static Pki open(SecurityConfig config, Path dataDir, Jdbc jdbc, StationRepository stations,
            StationLinks links, Clock clock, KeyEncryptionKey caKey) throws IOException {
        Path dir = dataDir.resolve("pki");
        CertificateAuthority ca = caKey == null ? CertificateAuthority.openOrCreate(dir, clock)
                : SharedCa.open(jdbc, caKey, dir, clock);
        CertificateRepository certificates = new CertificateRepository(jdbc);
        StationCertificates status = new StationCertificates(certificates);
        EnrollmentService enrollment = new EnrollmentService(ca, new EnrollmentTokenRepository(jdbc), certificates, status,
                stations, links, jdbc, config, clock);
        SslContext agentTls = null;
        if (config.agentTls()) {
            ServerIdentities.Identity gateway = ServerIdentities.gateway(dir, ca, clock);
            agentTls = ServerIdentities.gatewayContext(gateway, ca);
        }
        ServerIdentities.Identity https = null;
        SslContext httpsContext = null;
        if (config.httpTls()) {
            https = ServerIdentities.https(dir, config, clock);
            httpsContext = ServerIdentities.httpsContext(https);
        }
        return new Pki(config, ca, enrollment, status, agentTls, https, httpsContext);
    }

    public SecurityConfig config() {
        return config;
    }

    public EnrollmentService enrollment() {
        return enrollment;
    }

    /** The agent port's mutual-TLS server context (client certificates required); null when it is plain TCP. */
    public SslContext agentTls() {
        return agentTls;
    }

    /** Whom a client certificate names and whether the gateway still accepts it. */
    public StationCertificates certificates() {
        return certificates;
    }

    /** Null when the console is plain HTTP. */
    public SslContext httpsContext() {
        return httpsContext;
    }

    public CertificateAuthority ca() {
        return ca;
    }

    /** What {@code GET /api/v1/pki} shows: compare the fingerprint with the one an agent reports. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agentTls", config.agentTls() ? "required" : "off");
        m.put("httpTls", config.httpTls() ? "on" : "off");
        m.put("caSubject", ca.certificate().getSubjectX500Principal().getName());
        m.put("caFingerprintSha256", ca.fingerprint());
        m.put("caCertificate", Pem.encode(ca.certificate()));
        m.put("httpsFingerprintSha256", https == null ? null : https.fingerprint());
        m.put("certificateValidityDays", config.certificateValidity().toDays());
        m.put("tokenValidityHours", config.tokenValidity().toHours());
        return m;
    }
}
