package vn.loa.controller.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.DemoFlows;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;

/**
 * The demo's flows (upload, schedule, play by real agents, as-run log) on a controller started on an empty
 * database — H2 here, PostgreSQL in {@link DemoFlowsPostgresTest} — with the same results.
 */
@Tag("e2e")
@Timeout(180)
class DemoFlowsTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    /** A controller on an empty database of the kind under test. */
    TestController start(Path data) throws Exception {
        return TestController.start(data);
    }

    @Test
    void onAnEmptyDatabaseTheDemoFlowsGiveTheExpectedAsRunLog() throws Exception {
        TestController controller = running.keep(start(dir.resolve("controller")));
        DemoFlows.assertAsExpected(DemoFlows.run(controller, dir, running));
    }
}
