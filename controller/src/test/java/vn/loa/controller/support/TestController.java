package vn.loa.controller.support;

import java.nio.file.Path;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.LoaController;
import vn.loa.controller.storage.DatabaseSettings;

/** A real controller on loopback, on the given ports (0 = any free port), with a known admin password. */
public final class TestController implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String DATABASE_PROPERTY = "loa.test.database";

    private final LoaController controller;

    private TestController(LoaController controller) {
        this.controller = controller;
    }

    public static TestController start(Path dataDir) throws Exception {
        return start(dataDir, 0, 0, ControllerConfig.DEFAULT_MAX_UPLOAD_BYTES);
    }

    public static TestController start(Path dataDir, int httpPort, int agentPort, int maxUploadBytes) throws Exception {
        ControllerConfig config = ControllerConfig.of(dataDir, httpPort, agentPort).withHosts("127.0.0.1")
                .withAdminPassword(ADMIN_PASSWORD).withMaxUploadBytes(maxUploadBytes).withDatabase(databaseFor(dataDir));
        return new TestController(new LoaController(config).start());
    }

    /** A controller with these security settings (e.g. {@code SecurityConfig.off().withAgentTls(true)}). */
    public static TestController start(Path dataDir, vn.loa.controller.pki.SecurityConfig security) throws Exception {
        ControllerConfig config = ControllerConfig.of(dataDir, 0, 0).withHosts("127.0.0.1")
                .withAdminPassword(ADMIN_PASSWORD).withSecurity(security).withDatabase(databaseFor(dataDir));
        return new TestController(new LoaController(config).start());
    }

    /** A controller on this database (e.g. a fresh PostgreSQL one, {@link TestDatabase#create}). */
    public static TestController start(Path dataDir, DatabaseSettings database) throws Exception {
        ControllerConfig config = ControllerConfig.of(dataDir, 0, 0).withHosts("127.0.0.1")
                .withAdminPassword(ADMIN_PASSWORD).withDatabase(database);
        return new TestController(new LoaController(config).start());
    }

    /**
     * One node of a cluster on a shared (PostgreSQL) database: its own data directory {@code dir/<node>}, its
     * node name, and a 3-s lease so that tests of leadership run quickly ({@link LoaController#leadership()}).
     */
    public static LoaController clusterNode(Path dir, DatabaseSettings database, String node) throws Exception {
        ControllerConfig config = ControllerConfig.of(dir.resolve(node), 0, 0).withHosts("127.0.0.1")
                .withAdminPassword(ADMIN_PASSWORD).withDatabase(database);
        return new LoaController(config, vn.loa.controller.leadership.ClusterSettings.defaults().withNode(node)
                .withPolicy(new vn.loa.controller.leadership.LeasePolicy(java.time.Duration.ofSeconds(3)))).start();
    }

    /**
     * H2 in the data directory; with {@code -D}{@value #DATABASE_PROPERTY}{@code =postgresql}, any controller
     * test runs on PostgreSQL instead: a database of its own per data directory (its name kept in the
     * directory, so a restarted controller finds it again) on the {@code LOA_TEST_PG_URL} server.
     */
    public static DatabaseSettings databaseFor(Path dataDir) throws java.io.IOException {
        if (!"postgresql".equalsIgnoreCase(System.getProperty(DATABASE_PROPERTY, "h2"))) {
            return DatabaseSettings.h2(dataDir);
        }
        Path remembered = dataDir.resolve("test-postgresql-url");
        if (java.nio.file.Files.isRegularFile(remembered)) {
            return new DatabaseSettings(java.nio.file.Files.readString(remembered).trim(),
                    System.getenv(TestDatabase.USER_ENV), System.getenv(TestDatabase.PASSWORD_ENV));
        }
        DatabaseSettings fresh = TestDatabase.POSTGRESQL.create(dataDir).settings();
        java.nio.file.Files.createDirectories(dataDir);
        java.nio.file.Files.writeString(remembered, fresh.url());
        return fresh;
    }

    public LoaController controller() {
        return controller;
    }

    public int httpPort() {
        return controller.httpPort();
    }

    public int agentPort() {
        return controller.agentPort();
    }

    public ApiClient admin() {
        return new ApiClient(httpPort()).login("admin", ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        controller.close();
    }
}
