package vn.loa.controller.storage;

import java.sql.SQLException;

/** The database failed; callers let it reach the edge, which answers 500/503 and logs it. */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }
}
