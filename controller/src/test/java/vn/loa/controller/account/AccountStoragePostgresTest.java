package vn.loa.controller.account;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link AccountStorageTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class AccountStoragePostgresTest extends AccountStorageTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
