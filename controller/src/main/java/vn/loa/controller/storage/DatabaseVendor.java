package vn.loa.controller.storage;

import java.util.Locale;
import java.util.Optional;

/** The databases the controller runs on, told apart by their JDBC URL. */
public enum DatabaseVendor {
    /** Embedded in a file beside the data (the default): one controller, a demo, a small district. */
    H2("jdbc:h2:"),
    /** A server the province operates (backups, replicas): larger deployments, and later two controllers. */
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    DatabaseVendor(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    public String urlPrefix() {
        return urlPrefix;
    }

    public static Optional<DatabaseVendor> of(String jdbcUrl) {
        if (jdbcUrl == null) {
            return Optional.empty();
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        for (DatabaseVendor v : values()) {
            if (url.startsWith(v.urlPrefix)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
