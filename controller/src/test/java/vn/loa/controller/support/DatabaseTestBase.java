package vn.loa.controller.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.Jdbc;

/**
 * A test class over one fresh, migrated database of its own: H2 unless a subclass names PostgreSQL
 * (those subclasses carry {@code @Tag("needs-tools")}). The tests of a class share it, so each makes the
 * rows it needs and never counts on an empty table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTestBase {
    protected Database db;
    protected Jdbc jdbc;
    private TestDatabase.Opened opened;

    /** The database under test. */
    protected TestDatabase database() {
        return TestDatabase.H2;
    }

    @BeforeAll
    final void openDatabase(@TempDir Path dir) {
        opened = database().openFresh(dir);
        db = opened.db();
        jdbc = new Jdbc(db);
    }

    @AfterAll
    final void closeDatabase() {
        if (opened != null) {
            opened.close();
        }
    }
}
