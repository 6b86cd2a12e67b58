package vn.loa.controller.storage;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Which database the controller opens, and as whom. The password never comes from the command line:
 * it is read from a credentials file ({@code user=…}, {@code password=…}) or from the environment
 * ({@value #USER_ENV}, {@value #PASSWORD_ENV}); a URL that carries one is refused.
 *
 * @param user     null: the driver's default (PostgreSQL: the operating-system user, then {@code ~/.pgpass})
 * @param password null: none given (PostgreSQL may still find one in {@code ~/.pgpass})
 */
public record DatabaseSettings(String url, String user, String password) {
    public static final String USER_ENV = "LOA_DATABASE_USER";
    public static final String PASSWORD_ENV = "LOA_DATABASE_PASSWORD";

    /** What the controller needs of H2: PostgreSQL-like SQL, commits on disk at once, closed by the controller. */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE"
            // a commit is on disk before it is acknowledged: H2 would otherwise write it up to 500 ms later
            + ";WRITE_DELAY=0"
            // closed by the controller after its writers drained (ControllerCommand's shutdown hook), not by H2's own hook
            + ";DB_CLOSE_ON_EXIT=FALSE";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (DatabaseVendor.of(url).isEmpty()) {
            throw new IllegalArgumentException("unsupported database URL " + redact(url)
                    + ": give jdbc:postgresql://HOST:PORT/DATABASE (or jdbc:h2:file:PATH)");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("the database URL carries a password: put it in a credentials file "
                    + "(--database-credentials) or in " + PASSWORD_ENV + ", never on the command line");
        }
    }

    /** The default: H2 embedded in {@code dataDir/loa.mv.db}. */
    public static DatabaseSettings h2(Path dataDir) {
        return h2File(dataDir.toAbsolutePath().resolve("loa"));
    }

    /** H2 in the file {@code base + ".mv.db"} (base without the extension). */
    public static DatabaseSettings h2File(Path base) {
        return new DatabaseSettings("jdbc:h2:file:" + base.toAbsolutePath() + H2_OPTIONS, "sa", "");
    }

    /**
     * Settings from the command line: the URL (null: H2 in {@code dataDir}), then the credentials from
     * {@code credentialsFile} when given, else from {@code env}.
     *
     * @throws IllegalArgumentException with every problem found, in words a person can act on
     */
    public static DatabaseSettings resolve(String url, Path credentialsFile, Map<String, String> env, Path dataDir) {
        if (url == null || url.isBlank()) {
            if (credentialsFile != null) {
                throw new IllegalArgumentException("--database-credentials is for --database jdbc:postgresql://…; "
                        + "the default H2 database needs none");
            }
            return h2(dataDir);
        }
        if (DatabaseVendor.of(url).orElse(null) == DatabaseVendor.H2) {
            return new DatabaseSettings(url.contains(";MODE=") ? url : url + H2_OPTIONS, "sa", "");
        }
        String user = env.get(USER_ENV);
        String password = env.get(PASSWORD_ENV);
        if (credentialsFile != null) {
            Properties p = readCredentials(credentialsFile);
            user = p.getProperty("user");
            password = p.getProperty("password");
            List<String> missing = new ArrayList<>();
            if (user == null || user.isBlank()) {
                missing.add("user");
            }
            if (password == null) {
                missing.add("password");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the credentials file " + credentialsFile + " has no "
                        + String.join(" and no ", missing) + " (lines user=… and password=…)");
            }
        }
        return new DatabaseSettings(url.trim(), blankToNull(user), password);
    }

    private static Properties readCredentials(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the database credentials file " + file + ": " + e, e);
        }
        return p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** H2 only: fail instead of creating the database when its file is not there. */
    public DatabaseSettings withIfExists() {
        if (vendor() != DatabaseVendor.H2) {
            return this;
        }
        return new DatabaseSettings(url + ";IFEXISTS=TRUE", user, password);
    }

    public DatabaseVendor vendor() {
        return DatabaseVendor.of(url).orElseThrow();
    }

    /** The URL without H2's options, for logs and messages. */
    public String displayUrl() {
        int options = url.indexOf(';');
        return vendor() == DatabaseVendor.H2 && options > 0 ? url.substring(0, options) : url;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)password=[^&;]*", "password=***");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + displayUrl() + ", user " + user + (password == null ? "" : ", password ***") + "]";
    }
}
