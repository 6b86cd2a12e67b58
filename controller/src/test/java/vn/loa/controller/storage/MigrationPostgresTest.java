package vn.loa.controller.storage;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link MigrationTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class MigrationPostgresTest extends MigrationTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
