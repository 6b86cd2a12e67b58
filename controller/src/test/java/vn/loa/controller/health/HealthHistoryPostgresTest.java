package vn.loa.controller.health;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link HealthHistoryTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class HealthHistoryPostgresTest extends HealthHistoryTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
