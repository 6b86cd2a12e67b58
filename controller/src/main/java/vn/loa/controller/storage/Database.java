package vn.loa.controller.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The controller's database: H2 embedded in a file by default, schema owned by Flyway migrations. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /** Opens (creating if needed) {@code dataDir/loa.mv.db} and migrates it to the current schema. */
    public static Database openH2(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("loa")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE"
                // a commit is on disk before it is acknowledged: H2 would otherwise write it up to 500 ms later
                + ";WRITE_DELAY=0"
                // closed by the controller after its writers drained (ControllerCommand's shutdown hook), not by H2's own hook
                + ";DB_CLOSE_ON_EXIT=FALSE";
        return open(url, "sa", "");
    }

    public static Database open(String url, String user, String password) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
        pool.setMaxConnections(32);
        Flyway flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load();
        var result = flyway.migrate();
        log.info("database ready at schema version {} ({} migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
        return new Database(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.debug("database shutdown: {}", e.getMessage());
        }
        pool.dispose();
    }
}
