package vn.loa.controller.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's database: H2 embedded in a file by default, or PostgreSQL; the schema is owned by
 * the same Flyway migrations on both ({@code db/migration}, plus {@code db/vendor/<h2|postgresql>} where
 * the SQL must differ).
 *
 * <p>H2 keeps its own in-process pool (a connection is a few objects, nothing on the wire); PostgreSQL
 * gets HikariCP (connections over the network, validated, and reset when they return).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Connections at most: blocking tasks are virtual threads, the pool is what bounds the database's load. */
    static final int MAX_CONNECTIONS = 32;

    private final DatabaseVendor vendor;
    private final String displayUrl;
    private final DataSource pool;

    private Database(DatabaseVendor vendor, String displayUrl, DataSource pool) {
        this.vendor = vendor;
        this.displayUrl = displayUrl;
        this.pool = pool;
    }

    /** Opens (creating if needed) {@code dataDir/loa.mv.db} and migrates it to the current schema. */
    public static Database openH2(Path dataDir) {
        return open(DatabaseSettings.h2(dataDir));
    }

    public static Database open(String url, String user, String password) {
        return open(new DatabaseSettings(url, user, password));
    }

    /** Connects and migrates to the current schema. */
    public static Database open(DatabaseSettings settings) {
        Database db = connect(settings);
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Connects without touching the schema (copying into an empty database checks it first).
     *
     * @throws StorageException when the database cannot be reached, with the driver's reason
     */
    public static Database connect(DatabaseSettings settings) {
        DataSource pool = switch (settings.vendor()) {
            case H2 -> {
                JdbcConnectionPool h2 = JdbcConnectionPool.create(settings.url(), settings.user(), settings.password());
                h2.setMaxConnections(MAX_CONNECTIONS);
                yield h2;
            }
            case POSTGRESQL -> hikari(settings);
        };
        Database db = new Database(settings.vendor(), settings.displayUrl(), pool);
        try (Connection c = db.connection()) {
            log.debug("connected to {} ({} {})", settings.displayUrl(), c.getMetaData().getDatabaseProductName(),
                    c.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            db.close();
            throw new StorageException("cannot connect to the database " + settings.displayUrl() + " as "
                    + settings.user(), e);
        }
        return db;
    }

    private static HikariDataSource hikari(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("loa-db");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(4);
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        // fail at once with the driver's reason when the server cannot be reached at start
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", "loa-controller");
        // batched inserts (health samples, an announcement's stations) go as multi-row statements
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to the database " + settings.displayUrl() + " as "
                    + settings.user() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Brings the schema to the current version; nothing to do when it is there already. */
    public void migrate() {
        String vendorScripts = "db/vendor/" + vendor.name().toLowerCase(java.util.Locale.ROOT);
        Flyway flyway = Flyway.configure().dataSource(pool)
                .locations(Database.class.getClassLoader().getResource(vendorScripts) == null
                        ? new String[] {"classpath:db/migration"}
                        : new String[] {"classpath:db/migration", "classpath:" + vendorScripts})
                .load();
        var result = flyway.migrate();
        var current = flyway.info().current();
        log.info("database {} ready at schema version {} ({} migrations applied)", displayUrl,
                current == null ? "none" : current.getVersion(), result.migrationsExecuted);
    }

    public DatabaseVendor vendor() {
        return vendor;
    }

    /** The URL without options or credentials, for logs and messages. */
    public String displayUrl() {
        return displayUrl;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        switch (pool) {
            case JdbcConnectionPool h2 -> {
                try (Connection c = h2.getConnection(); var st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } catch (SQLException e) {
                    log.debug("database shutdown: {}", e.getMessage());
                }
                h2.dispose();
            }
            case HikariDataSource hikari -> hikari.close();
            default -> throw new IllegalStateException("unknown pool " + pool.getClass());
        }
    }
}
