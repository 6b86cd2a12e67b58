package vn.loa.controller.announcement;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link StateWriterTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class StateWriterPostgresTest extends StateWriterTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
