package vn.loa.controller.command;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link CommandStorageTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class CommandStoragePostgresTest extends CommandStorageTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
