package vn.loa.controller.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.DatabaseSettings;

/**
 * The databases the tests run on. H2 is a file under the test's directory. PostgreSQL is the server
 * named by {@code LOA_TEST_PG_URL}, {@code LOA_TEST_PG_USER} and {@code LOA_TEST_PG_PASSWORD}
 * ({@code eval "$(.ci/postgres-start)"} starts a throw-away one): each {@link #create} makes a database of
 * its own there, dropped at {@link Fresh#close}, so test classes and runs do not interfere. Without a
 * reachable server a PostgreSQL test fails, loudly — it is never skipped.
 */
public enum TestDatabase {
    H2,
    POSTGRESQL;

    public static final String URL_ENV = "LOA_TEST_PG_URL";
    public static final String USER_ENV = "LOA_TEST_PG_USER";
    public static final String PASSWORD_ENV = "LOA_TEST_PG_PASSWORD";

    /** An empty database, not migrated yet; {@code dir} holds H2's file. */
    public Fresh create(Path dir) {
        return switch (this) {
            case H2 -> new Fresh(DatabaseSettings.h2File(dir.resolve("loa-" + UUID.randomUUID())), null);
            case POSTGRESQL -> createPostgres();
        };
    }

    /** A fresh database, migrated to the current schema and opened; closing closes and drops it. */
    public Opened openFresh(Path dir) {
        Fresh fresh = create(dir);
        try {
            return new Opened(Database.open(fresh.settings()), fresh);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    /** An open database made for one test or test class. */
    public record Opened(Database db, Fresh fresh) implements AutoCloseable {
        @Override
        public void close() {
            try {
                db.close();
            } finally {
                fresh.close();
            }
        }
    }

    private static Fresh createPostgres() {
        String url = System.getenv(URL_ENV);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("this test needs a PostgreSQL server and " + URL_ENV + " is not set: "
                    + "run `eval \"$(.ci/postgres-start)\"` first (it starts a throw-away cluster and sets "
                    + URL_ENV + ", " + USER_ENV + " and " + PASSWORD_ENV + ")");
        }
        String name = "loa_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = admin(url); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on the PostgreSQL server at " + url
                    + " (from " + URL_ENV + "): " + e.getMessage(), e);
        }
        String dbUrl = withDatabase(url, name);
        return new Fresh(new DatabaseSettings(dbUrl, System.getenv(USER_ENV), System.getenv(PASSWORD_ENV)), name);
    }

    private static Connection admin(String url) throws SQLException {
        return DriverManager.getConnection(url, System.getenv(USER_ENV), System.getenv(PASSWORD_ENV));
    }

    /** {@code jdbc:postgresql://host:port/db?x} with another database name. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        String hostPart = url.substring(0, slash < 0 ? (query < 0 ? url.length() : query) : slash);
        String rest = query < 0 ? "" : url.substring(query);
        return hostPart + "/" + database + rest;
    }

    /** A database made for one test class; closing drops it (PostgreSQL) — H2's file goes with its directory. */
    public record Fresh(DatabaseSettings settings, String postgresName) implements AutoCloseable {
        public TestDatabase kind() {
            return postgresName == null ? H2 : POSTGRESQL;
        }

        @Override
        public void close() {
            if (postgresName == null) {
                return;
            }
            try (Connection c = admin(System.getenv(URL_ENV)); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + postgresName + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the test database " + postgresName + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return kind().name().toLowerCase(Locale.ROOT) + " " + settings.displayUrl();
        }
    }
}
