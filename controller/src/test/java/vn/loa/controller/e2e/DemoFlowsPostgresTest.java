package vn.loa.controller.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestController;
import vn.loa.controller.support.TestDatabase;

/** {@link DemoFlowsTest} on an empty PostgreSQL database, which the controller migrates at start. */
@Tag("needs-tools")
class DemoFlowsPostgresTest extends DemoFlowsTest {
    @Override
    TestController start(Path data) throws Exception {
        TestDatabase.Fresh fresh = running.keep(TestDatabase.POSTGRESQL.create(data));
        return TestController.start(data, fresh.settings());
    }
}
