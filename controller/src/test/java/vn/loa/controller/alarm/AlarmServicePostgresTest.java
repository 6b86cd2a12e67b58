package vn.loa.controller.alarm;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link AlarmServiceTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class AlarmServicePostgresTest extends AlarmServiceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
