package vn.loa.controller.cap;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link CapStorageTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class CapStoragePostgresTest extends CapStorageTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
