package vn.loa.controller.pki;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** The certificates the CA signed for stations, and their revocation. */
public final class CertificateRepository {
    public record IssuedCertificate(String serial, long stationId, String issuedVia, Instant issuedAt, Instant notAfter,
            Instant revokedAt) {
    }

    private static final String COLUMNS = "serial, station_id, issued_via, issued_at, not_after, revoked_at";

    private final Jdbc jdbc;

    public CertificateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    static void insert(Connection c, IssuedCertificate cert) throws SQLException {
        Jdbc.update(c, "INSERT INTO station_certificate (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", cert.serial(),
                cert.stationId(), cert.issuedVia(), cert.issuedAt(), cert.notAfter(), cert.revokedAt());
    }

    public void insert(IssuedCertificate cert) {
        jdbc.inConnection(c -> {
            insert(c, cert);
            return null;
        });
    }

    public Optional<IssuedCertificate> find(String serial) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM station_certificate WHERE serial = ?", CertificateRepository::map,
                serial);
    }

    public List<IssuedCertificate> ofStation(long stationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM station_certificate WHERE station_id = ? ORDER BY issued_at",
                CertificateRepository::map, stationId);
    }

    /** Revokes every certificate of the station not revoked yet; returns their serials. */
    public List<String> revokeAll(long stationId, Instant at) {
        return jdbc.inTransaction(c -> {
            List<String> serials = Jdbc.query(c,
                    "SELECT serial FROM station_certificate WHERE station_id = ? AND revoked_at IS NULL",
                    rs -> rs.getString(1), stationId);
            Jdbc.update(c, "UPDATE station_certificate SET revoked_at = ? WHERE station_id = ? AND revoked_at IS NULL",
                    at, stationId);
            return serials;
        });
    }

    private static IssuedCertificate map(ResultSet rs) throws SQLException {
        return new IssuedCertificate(rs.getString("serial"), rs.getLong("station_id"), rs.getString("issued_via"),
                Jdbc.instant(rs, "issued_at"), Jdbc.instant(rs, "not_after"), Jdbc.instant(rs, "revoked_at"));
    }
}
