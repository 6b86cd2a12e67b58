package vn.loa.controller.pki;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.v1.CertificateRenewal;
import vn.loa.protocol.pki.EnrollmentProof;
import vn.loa.protocol.pki.Pem;
import vn.loa.protocol.v1.EnrollRequest;
import vn.loa.protocol.v1.EnrollResponse;
import vn.loa.protocol.v1.Reject;
import vn.loa.controller.rejection.RejectionCode;

/**
 * Station identities: one-time tokens, enrollment (token + CSR → certificate), renewal over the
 * link, revocation. Every method is blocking (database) work.
 */
public final class EnrollmentService {
    private static final Logger log = LoggerFactory.getLogger(EnrollmentService.class);

    public record NewToken(long stationId, String token, Instant expiresAt) {
    }

    public record Revocation(long stationId, List<String> serials, int tokensCancelled, boolean disconnected) {
    }

    private final CertificateAuthority ca;
    private final EnrollmentTokenRepository tokens;
    private final CertificateRepository certificates;
    private final StationCertificates status;
    private final StationRepository stations;
    private final StationLinks links;
    private final Jdbc jdbc;
    private final SecurityConfig config;
    private final Clock clock;
    private final EnrollmentSecrets secrets = new EnrollmentSecrets();
    /** The release-signing key handed to enrolling stations (docs/updates.md); empty until one is given. */
    private volatile byte[] releasePublicKey = new byte[0];

    public EnrollmentService(CertificateAuthority ca, EnrollmentTokenRepository tokens, CertificateRepository certificates,
            StationCertificates status, StationRepository stations, StationLinks links, Jdbc jdbc,
            SecurityConfig config, Clock clock) {
        this.ca = ca;
        this.tokens = tokens;
        this.certificates = certificates;
        this.status = status;
        this.stations = stations;
        this.links = links;
        this.jdbc = jdbc;
        this.config = config;
        this.clock = clock;
    }

    /** From now on, enrolling stations also receive this release-signing key (X.509 DER), with its own proof. */
    public void offerReleaseKey(byte[] publicKeyDer) {
        this.releasePublicKey = publicKeyDer.clone();
    }

    public CertificateAuthority ca() {
        return ca;
    }

    /** A one-time token for the station; only its digests are stored. */
    public NewToken createToken(long stationId, Long createdBy, Duration validity) {
        if (stations.name(stationId).isEmpty()) {
            throw new IllegalArgumentException("no such station: " + stationId);
        }
        Duration v = validity != null ? validity : config.tokenValidity();
        String token = secrets.newToken();
        EnrollmentProof issued = EnrollmentProof.of(token);
        Instant now = clock.instant();
        Instant expires = now.plus(v);
        tokens.create(stationId, issued.tokenId(), issued.macKeyHex(), createdBy, now, expires);
        log.info("station {}: enrollment token created, valid until {}", stationId, expires);
        return new NewToken(stationId, token, expires);
    }

    /** Token + CSR → the station's certificate, signed, recorded, and the answer MAC'd with the token. */
    public EnrollResponse enroll(EnrollRequest request) {
        String tokenId = request.getTokenId();
        if (!tokenId.matches("[0-9a-f]{64}")) {
            throw EnrollmentRefused.malformed("token_id must be 64 lower-case hex digits");
        }
        EnrollmentTokenRepository.StoredToken token = tokens.byTokenId(tokenId).orElseThrow(() -> new EnrollmentRefused(
                RejectionCode.ENROLLMENT_TOKEN_UNKNOWN.problem()));
        EnrollmentProof proof = EnrollmentProof.ofStoredKey(tokenId, token.macKey());
        if (!proof.verifyRequest(request.getCsrPem(), request.getMac().toByteArray())) {
            throw new EnrollmentRefused(RejectionCode.ENROLLMENT_TOKEN_UNKNOWN.problem());
        }
        Instant now = clock.instant();
        if (token.usedAt() != null) {
            throw new EnrollmentRefused(
                    RejectionCode.ENROLLMENT_TOKEN_USED.problem(token.usedAt(), token.stationId()));
        }
        if (token.revokedAt() != null) {
            throw new EnrollmentRefused(
                    RejectionCode.ENROLLMENT_TOKEN_REVOKED.problem(token.stationId(), token.revokedAt()));
        }
        if (!now.isBefore(token.expiresAt())) {
            throw new EnrollmentRefused(
                    RejectionCode.ENROLLMENT_TOKEN_EXPIRED.problem(token.expiresAt(), token.stationId()));
        }
        PublicKey key = CertificateRequests.publicKeyOf(request.getCsrPem());
        long stationId = token.stationId();
        X509Certificate cert = ca.issueStation(key, stationId, config.certificateValidity());
        String serial = StationCertificates.serialOf(cert);
        boolean won = jdbc.inTransaction(c -> {
            if (!EnrollmentTokenRepository.markUsed(c, token.id(), now)) {
                return false;
            }
            CertificateRepository.insert(c, new CertificateRepository.IssuedCertificate(serial, stationId, "ENROLL", now,
                    cert.getNotAfter().toInstant(), null));
            return true;
        });
        if (!won) {
            throw new EnrollmentRefused(RejectionCode.ENROLLMENT_TOKEN_RACED.problem());
        }
        status.issued(serial, stationId);
        String certPem = Pem.encode(cert);
        String caPem = Pem.encode(ca.certificate());
        log.info("station {}: enrolled; certificate {} valid until {}", stationId, serial, cert.getNotAfter().toInstant());
        EnrollResponse.Builder response = EnrollResponse.newBuilder().setStationId(stationId).setCertificatePem(certPem)
                .setCaCertificatePem(caPem)
                .setMac(com.google.protobuf.ByteString.copyFrom(
                        proof.responseMac(stationId, certPem, caPem)));
        byte[] releaseKey = releasePublicKey;
        if (releaseKey.length > 0) {
            response.setReleasePublicKey(com.google.protobuf.ByteString.copyFrom(releaseKey))
                    .setReleaseKeyMac(com.google.protobuf.ByteString.copyFrom(proof.releaseKeyMac(releaseKey)));
        }
        return response.build();
    }

    /** A new certificate for a station already on a mutual-TLS link (its identity comes from that link). */
    public X509Certificate renew(long stationId, String csrPem) {
        PublicKey key = CertificateRequests.publicKeyOf(csrPem);
        X509Certificate cert = ca.issueStation(key, stationId, config.certificateValidity());
        String serial = StationCertificates.serialOf(cert);
        Instant now = clock.instant();
        certificates.insert(new CertificateRepository.IssuedCertificate(serial, stationId, "RENEW", now,
                cert.getNotAfter().toInstant(), null));
        status.issued(serial, stationId);
        log.info("station {}: certificate renewed over the link; new certificate {} valid until {}", stationId, serial,
                cert.getNotAfter().toInstant());
        return cert;
    }

    /**
     * The answer to a renewal request on a station's mutual-TLS link: a new certificate with the CA's, or
     * the reason it was refused (a bad CSR), or a failure the agent asks again about later.
     */
    public CertificateRenewal renewal(long stationId, String csrPem) {
        CertificateRenewal.Builder answer = CertificateRenewal.newBuilder();
        try {
            X509Certificate cert = renew(stationId, csrPem);
            answer.setCertificatePem(Pem.encode(cert)).setCaCertificatePem(Pem.encode(ca.certificate()))
                    .setNotAfterMs(cert.getNotAfter().getTime());
        } catch (EnrollmentRefused refused) {
            log.warn("station {}: certificate renewal refused: {}", stationId, refused.getMessage());
            answer.setError(refused.getMessage());
        } catch (RuntimeException failure) {
            log.error("station {}: certificate renewal failed: {}", stationId, failure.toString(), failure);
            answer.setError("the controller could not renew the certificate; it will be asked again");
        }
        return answer.build();
    }

    /** Revokes every certificate of the station, cancels its unused tokens and cuts its link now. */
    public Revocation revoke(long stationId) {
        if (stations.name(stationId).isEmpty()) {
            throw new IllegalArgumentException("no such station: " + stationId);
        }
        Instant now = clock.instant();
        List<String> serials = certificates.revokeAll(stationId, now);
        status.revoked(serials, stationId);
        int cancelled = tokens.revokePending(stationId, now);
        boolean disconnected = links.disconnect(stationId, Reject.Code.UNAUTHENTICATED, "this station was revoked");
        log.warn("station {}: revoked ({} certificate(s), {} unused token(s)){}", stationId, serials.size(), cancelled,
                disconnected ? "; its link is closed" : "");
        return new Revocation(stationId, serials, cancelled, disconnected);
    }

    public List<CertificateRepository.IssuedCertificate> certificatesOf(long stationId) {
        return certificates.ofStation(stationId);
    }
}
