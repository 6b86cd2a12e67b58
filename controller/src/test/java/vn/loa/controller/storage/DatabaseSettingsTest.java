package vn.loa.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which database, and as whom, from the command line: table-driven. */
class DatabaseSettingsTest {
    private static final String PG = "jdbc:postgresql://db.tinh.example:5432/loa";
    private static final Map<String, String> ENV = Map.of(DatabaseSettings.USER_ENV, "loa_env",
            DatabaseSettings.PASSWORD_ENV, "từ-môi-trường");

    @TempDir
    Path dir;

    @Test
    void noUrlIsH2InTheDataDirectory() {
        DatabaseSettings s = DatabaseSettings.resolve(null, null, ENV, dir);
        assertThat(s.vendor()).isEqualTo(DatabaseVendor.H2);
        assertThat(s.url()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath().resolve("loa") + ";MODE=PostgreSQL;")
                .contains(";WRITE_DELAY=0").contains(";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(s.displayUrl()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("loa"));
    }

    record Case(String url, String file, Map<String, String> env, String user, String password) {
    }

    @Test
    void postgresqlCredentialsComeFromTheFileElseTheEnvironment() throws IOException {
        Path file = dir.resolve("db.properties");
        Files.writeString(file, "user=loa_file\npassword=t\u1eeb-t\u1ec7p\n");
        for (Case c : List.of(
                new Case(PG, null, ENV, "loa_env", "từ-môi-trường"),
                new Case(PG, file.toString(), ENV, "loa_file", "từ-tệp"),
                new Case(PG, null, Map.of(), null, null),
                new Case(PG + "?ssl=true&user=loa_url", null, Map.of(), null, null))) {
            DatabaseSettings s = DatabaseSettings.resolve(c.url(), c.file() == null ? null : Path.of(c.file()), c.env(), dir);
            assertThat(s.vendor()).as(c.toString()).isEqualTo(DatabaseVendor.POSTGRESQL);
            assertThat(s.user()).as(c.toString()).isEqualTo(c.user());
            assertThat(s.password()).as(c.toString()).isEqualTo(c.password());
            assertThat(s.toString()).doesNotContain("từ-");
        }
    }

    @Test
    void mistakesAreRefusedWithWhatToDo() throws IOException {
        Path noPassword = dir.resolve("half.properties");
        Files.writeString(noPassword, "user=loa\n");
        Map<String, String> refused = Map.of(
                "jdbc:postgresql://db/loa?user=loa&password=lộ", "never on the command line",
                "jdbc:mysql://db/loa", "unsupported database URL",
                "postgres://db/loa", "jdbc:postgresql://HOST:PORT/DATABASE");
        refused.forEach((url, message) -> assertThatThrownBy(() -> DatabaseSettings.resolve(url, null, Map.of(), dir))
                .as(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message)
                .hasMessageNotContaining("lộ"));
        assertThatThrownBy(() -> DatabaseSettings.resolve(PG, noPassword, Map.of(), dir))
                .hasMessageContaining("has no password");
        assertThatThrownBy(() -> DatabaseSettings.resolve(PG, dir.resolve("missing.properties"), Map.of(), dir))
                .hasMessageContaining("cannot read the database credentials file");
        assertThatThrownBy(() -> DatabaseSettings.resolve(null, noPassword, Map.of(), dir))
                .hasMessageContaining("needs none");
    }
}
