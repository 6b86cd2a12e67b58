package vn.loa.controller.storage;

import java.sql.SQLException;

/** The database failed; callers let it reach the edge, which answers 500/503 and logs it. */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }

    public StorageException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    public StorageException(String message, RuntimeException cause) {
        super(message, cause);
    }

    /**
     * True when the database refused the data itself (SQLState class 22, data exception, or 23,
     * integrity constraint violation): writing it again cannot succeed. Anything else (no connection,
     * a missing table, a full disk) may pass, and the data is worth keeping.
     */
    public static boolean isBadData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
