package vn.loa.controller.plan;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link PlanServiceTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class PlanServicePostgresTest extends PlanServiceTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
