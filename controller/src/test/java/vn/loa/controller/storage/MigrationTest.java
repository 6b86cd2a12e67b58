package vn.loa.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.TestDatabase;

/**
 * The Flyway migrations (H2 here, PostgreSQL in {@link MigrationPostgresTest}): an empty database reaches
 * the schema written down in {@code db/schema.txt} — the same on both, column for column — and data
 * stored under the first schema is carried through every later migration.
 *
 * <p>A new migration changes {@code db/schema.txt} in the same commit: the failure message prints the
 * schema found.
 */
@Timeout(120)
class MigrationTest {
    private static final Instant T0 = Instant.parse("2026-01-15T03:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase.Fresh fresh;
    private Database db;

    /** The database under test. */
    TestDatabase database() {
        return TestDatabase.H2;
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
        if (fresh != null) {
            fresh.close();
        }
    }

    @Test
    void anEmptyDatabaseReachesTheWrittenDownSchema() throws IOException {
        fresh = database().create(dir);
        db = Database.open(fresh.settings());

        assertThat(String.join("\n", SchemaSnapshot.of(new Jdbc(db)))).isEqualTo(expectedSchema());
        assertThat(versions()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32");

        db.close();
        db = Database.open(fresh.settings()); // a second start migrates nothing
        assertThat(versions()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32");
    }

    private List<String> versions() {
        return new Jdbc(db).query("SELECT version FROM flyway_schema_history WHERE success = TRUE "
                + "AND version IS NOT NULL ORDER BY installed_rank", rs -> rs.getString(1));
    }

    private static String expectedSchema() throws IOException {
        try (InputStream in = MigrationTest.class.getResourceAsStream("/db/schema.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void dataStoredUnderTheFirstSchemaIsCarriedThroughEveryMigration() {
        fresh = database().create(dir);
        Database v1 = Database.connect(fresh.settings());
        long[] ids = new long[5]; // station, account, bulletin, schedule, area
        try {
            Flyway.configure().dataSource(v1.dataSource()).locations("classpath:db/migration").target("1").load().migrate();
            Jdbc old = new Jdbc(v1);
            long area = old.insert("INSERT INTO area (name, kind) VALUES ('Tỉnh Lạng Sơn', 'PROVINCE')");
            ids[0] = old.insert("INSERT INTO station (name, area_id, secret_hash, created_at, last_seen_at) "
                    + "VALUES ('Đài xã Đội Cấn', ?, ?, ?, ?)", area, "a".repeat(64), T0, T0.plusSeconds(60));
            ids[1] = old.insert("INSERT INTO account (username, password_hash, role, created_at) VALUES ('admin', 'h', 'ADMIN', ?)",
                    T0);
            ids[2] = old.insert("INSERT INTO bulletin (title, media_sha256, media_size, duration_ms, sample_rate, created_at) "
                    + "VALUES ('Bản tin', ?, 10, 1000, 24000, ?)", "b".repeat(64), T0);
            ids[3] = old.insert("INSERT INTO schedule (title, bulletin_id, priority, rule_json, targets_json, created_at) "
                    + "VALUES ('Lịch', ?, 'NORMAL', '{}', '{}', ?)", ids[2], T0);
            ids[4] = area;
        } finally {
            v1.close();
        }

        db = Database.open(fresh.settings());
        Jdbc jdbc = new Jdbc(db);
        assertThat(jdbc.queryOne("SELECT first_seen_at FROM station_presence WHERE station_id = ?",
                rs -> Jdbc.instant(rs, "first_seen_at"), ids[0])).as("V2 fills presence from last_seen_at").contains(T0.plusSeconds(60));
        assertThat(jdbc.queryOne("SELECT on_preempt || ' ' || hard_time || ' ' || max_wait_seconds || ' ' || approval "
                + "FROM schedule WHERE id = ?", rs -> rs.getString(1), ids[3])).contains("RESUME WAIT 0 APPROVED");
        assertThat(jdbc.queryOne("SELECT disabled FROM account WHERE id = ?", rs -> rs.getBoolean(1), ids[1])).contains(false);
        assertThat(jdbc.queryOne("SELECT approval FROM bulletin WHERE id = ?", rs -> rs.getString(1), ids[2])).contains("APPROVED");
        assertThat(jdbc.queryOne("SELECT requires_approval FROM area WHERE id = ?", rs -> rs.getBoolean(1), ids[4])).contains(false);
    }

    /** The schema as the database describes it, in a form both databases give alike. */
    static final class SchemaSnapshot {
        private SchemaSnapshot() {
        }

        static List<String> of(Jdbc jdbc) {
            List<String> columns = new java.util.ArrayList<>(jdbc.query("SELECT table_name, column_name, data_type, character_maximum_length, is_nullable "
                    + "FROM information_schema.columns WHERE table_schema = current_schema() "
                    + "AND table_name <> 'flyway_schema_history'", rs -> {
                        long length = rs.getLong("character_maximum_length");
                        boolean hasLength = !rs.wasNull();
                        String type = normalise(rs.getString("data_type"), length);
                        boolean sized = hasLength && type.equals("character varying");
                        return rs.getString("table_name").toLowerCase(Locale.ROOT) + "."
                                + rs.getString("column_name").toLowerCase(Locale.ROOT) + " " + type
                                + (sized ? "(" + length + ")" : "")
                                + ("NO".equalsIgnoreCase(rs.getString("is_nullable")) ? " not null" : "");
                    }));
            columns.sort(null); // in Java: the databases' collations order '_' differently
            return columns;
        }

        /** H2 largest CHARACTER VARYING: what H2 in PostgreSQL mode makes of TEXT. */
        private static final long H2_TEXT = 1_000_000_000L;

        /** H2 and PostgreSQL name a few types differently. */
        private static String normalise(String type, long length) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.equals("character varying") && length == H2_TEXT) {
                return "text";
            }
            return switch (t) {
                case "character large object" -> "text";
                case "binary varying" -> "bytea";
                default -> t;
            };
        }
    }
}
