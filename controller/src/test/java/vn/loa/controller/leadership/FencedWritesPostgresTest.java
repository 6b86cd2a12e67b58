package vn.loa.controller.leadership;

import org.junit.jupiter.api.Tag;
import vn.loa.controller.support.TestDatabase;

/** {@link FencedWritesTest} on PostgreSQL ({@code LOA_TEST_PG_URL}: {@code eval "$(.ci/postgres-start)"}). */
@Tag("needs-tools")
class FencedWritesPostgresTest extends FencedWritesTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
