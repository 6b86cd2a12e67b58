package vn.loa.controller.pki;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** One-time enrollment tokens, stored only as two digests. */
public final class EnrollmentTokenRepository {
    public record StoredToken(long id, long stationId, String macKey, Instant expiresAt, Instant usedAt,
            Instant revokedAt) {
    }

    private final Jdbc jdbc;

    public EnrollmentTokenRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long create(long stationId, String tokenId, String macKey, Long createdBy, Instant createdAt,
            Instant expiresAt) {
        return jdbc.insert("INSERT INTO enrollment_token (station_id, token_id, mac_key, created_by, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", stationId, tokenId, macKey, createdBy, createdAt, expiresAt);
    }

    public Optional<StoredToken> byTokenId(String tokenId) {
        return jdbc.queryOne("SELECT id, station_id, mac_key, expires_at, used_at, revoked_at FROM enrollment_token "
                + "WHERE token_id = ?", EnrollmentTokenRepository::map, tokenId);
    }

    /** Marks the token used; false when another request used it first. */
    static boolean markUsed(Connection c, long id, Instant at) throws SQLException {
        return Jdbc.update(c, "UPDATE enrollment_token SET used_at = ? WHERE id = ? AND used_at IS NULL", at, id) == 1;
    }

    /** Tokens of a revoked station that were not used yet cannot be used any more. */
    public int revokePending(long stationId, Instant at) {
        return jdbc.update("UPDATE enrollment_token SET revoked_at = ? WHERE station_id = ? AND used_at IS NULL "
                + "AND revoked_at IS NULL", at, stationId);
    }

    private static StoredToken map(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getLong("id"), rs.getLong("station_id"), rs.getString("mac_key"),
                Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "used_at"), Jdbc.instant(rs, "revoked_at"));
    }
}
