package vn.loa.controller.health;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link HealthSampleWriterTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class HealthSampleWriterPostgresTest extends HealthSampleWriterTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
