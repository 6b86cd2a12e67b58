package vn.loa.controller.support;

import java.nio.file.Path;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.LoaController;

/** A real controller on loopback, on the given ports (0 = any free port), with a known admin password. */
public final class TestController implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final LoaController controller;

    private TestController(LoaController controller) {
        this.controller = controller;
    }

    public static TestController start(Path dataDir) throws Exception {
        return start(dataDir, 0, 0, ControllerConfig.DEFAULT_MAX_UPLOAD_BYTES);
    }

    public static TestController start(Path dataDir, int httpPort, int agentPort, int maxUploadBytes) throws Exception {
        ControllerConfig config = ControllerConfig.of(dataDir, httpPort, agentPort).withHosts("127.0.0.1")
                .withAdminPassword(ADMIN_PASSWORD).withMaxUploadBytes(maxUploadBytes);
        return new TestController(new LoaController(config).start());
    }

    /** A controller with these security settings (e.g. {@code SecurityConfig.off().withAgentTls(true)}). */
    public static TestController start(Path dataDir, vn.loa.controller.pki.SecurityConfig security) throws Exception {
        ControllerConfig config = ControllerConfig.of(dataDir, 0, 0).withHosts("127.0.0.1")
                .withAdminPassword(ADMIN_PASSWORD).withSecurity(security);
        return new TestController(new LoaController(config).start());
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
