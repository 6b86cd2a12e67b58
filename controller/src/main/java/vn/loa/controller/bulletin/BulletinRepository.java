package vn.loa.controller.bulletin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

public final class BulletinRepository {
    private static final String COLUMNS = "id, title, media_sha256, media_size, duration_ms, sample_rate, original_name, created_at, language";
    private final Jdbc jdbc;

    public BulletinRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long create(String title, String sha256, long size, long durationMs, int sampleRate, String originalName,
            Long createdBy) {
        return jdbc.insert("INSERT INTO bulletin (title, media_sha256, media_size, duration_ms, sample_rate, "
                + "original_name, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", title, sha256, size,
                durationMs, sampleRate, originalName, createdBy, Instant.now());
    }

    /** Tags the bulletin with a language from {@link BulletinLanguage}; false when there is no such bulletin. */
    public boolean setLanguage(long id, String language) {
        return jdbc.update("UPDATE bulletin SET language = ? WHERE id = ?", language, id) == 1;
    }

    public Optional<Bulletin> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM bulletin WHERE id = ?", BulletinRepository::map, id);
    }

    public List<Bulletin> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM bulletin ORDER BY id DESC", BulletinRepository::map);
    }

    /** Whether any bulletin refers to this media (so an orphan file may be removed). */
    public boolean mediaInUse(String sha256) {
        return jdbc.queryOne("SELECT 1 FROM bulletin WHERE media_sha256 = ?", rs -> 1, sha256).isPresent();
    }

    private static Bulletin map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Bulletin(rs.getLong("id"), rs.getString("title"), rs.getString("media_sha256"),
                rs.getLong("media_size"), rs.getLong("duration_ms"), rs.getInt("sample_rate"),
                rs.getString("original_name"), Jdbc.instant(rs, "created_at"), rs.getString("language"));
    }
}
