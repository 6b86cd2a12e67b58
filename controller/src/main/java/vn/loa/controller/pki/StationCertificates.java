package vn.loa.controller.pki;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Whom a client certificate names, and whether the gateway still accepts it: only certificates the
 * CA recorded and nobody revoked. The answers are cached (one row per serial); revocation updates
 * the cache at once, so a revoked station is refused at its next handshake.
 */
public final class StationCertificates {
    public static final String SUBJECT_PREFIX = "station-";

    private record Status(long stationId, boolean revoked) {
    }

    private final CertificateRepository repository;
    private final ConcurrentHashMap<String, Status> cache = new ConcurrentHashMap<>();

    public StationCertificates(CertificateRepository repository) {
        this.repository = repository;
    }

    /** The station id of {@code CN=station-<id>}; IllegalArgumentException when it names none. */
    public static long stationIdOf(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cn = name.getRDNs(BCStyle.CN);
        String value = cn.length == 1 ? IETFUtils.valueToString(cn[0].getFirst().getValue()) : "";
        try {
            if (value.startsWith(SUBJECT_PREFIX)) {
                long id = Long.parseLong(value.substring(SUBJECT_PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException("the certificate names no station: " + certificate.getSubjectX500Principal());
    }

    public static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** Why the gateway refuses this certificate of this station, or empty when it accepts it. Blocking (DB). */
    public Optional<String> refusal(long stationId, String serial) {
        Status status = cache.get(serial);
        if (status == null) {
            Optional<CertificateRepository.IssuedCertificate> row = repository.find(serial);
            if (row.isEmpty()) {
                return Optional.of("certificate " + serial + " was not issued by this controller's records");
            }
            status = new Status(row.get().stationId(), row.get().revokedAt() != null);
            cache.putIfAbsent(serial, status);
        }
        if (status.stationId() != stationId) {
            return Optional.of("certificate " + serial + " belongs to station " + status.stationId());
        }
        if (status.revoked()) {
            return Optional.of("certificate " + serial + " of station " + stationId + " is revoked");
        }
        return Optional.empty();
    }

    /** {@link #refusal(long, String)} for the certificate itself. Blocking (DB). */
    public Optional<String> refusal(long stationId, X509Certificate certificate) {
        return refusal(stationId, serialOf(certificate));
    }

    void issued(String serial, long stationId) {
        cache.put(serial, new Status(stationId, false));
    }

    void revoked(Collection<String> serials, long stationId) {
        serials.forEach(s -> cache.put(s, new Status(stationId, true)));
    }
}
