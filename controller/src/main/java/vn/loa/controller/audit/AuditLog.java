package vn.loa.controller.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.storage.Jdbc;

/** The audit log: appended to for every state-changing action, read by admins. Never updated or deleted. */
public final class AuditLog {
    private static final int MAX_ACTION = 200;
    private static final int MAX_TARGET = 300;
    private static final int MAX_DETAIL = 2000;

    private final Jdbc jdbc;
    private final Clock clock;

    public AuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Long accountId, String username, String action, String target, String detail,
            String remoteAddress) {
        jdbc.insert("INSERT INTO audit_log (at, account_id, username, action, target, detail, remote_address) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", clock.instant(), accountId, cut(username, 100), cut(action, MAX_ACTION),
                cut(target, MAX_TARGET), cut(detail, MAX_DETAIL), cut(remoteAddress, 100));
    }

    /** {@code account}: a username, or an account id in digits. {@code action}: a substring of the action. */
    public record Filter(Instant from, Instant to, String account, String action, int limit) {
    }

    /** Newest first. */
    public List<AuditEntry> find(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.from() != null) {
            sql.append(" AND at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND at < ?");
            params.add(f.to());
        }
        if (f.account() != null) {
            if (f.account().matches("\\d{1,18}")) {
                sql.append(" AND (account_id = ? OR username = ?)");
                params.add(Long.parseLong(f.account()));
            } else {
                sql.append(" AND username = ?");
            }
            params.add(f.account());
        }
        if (f.action() != null) {
            sql.append(" AND LOWER(action) LIKE ? ESCAPE '\\'");
            params.add("%" + f.action().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        params.add(f.limit());
        return jdbc.query(sql.toString(), rs -> new AuditEntry(rs.getLong("id"), Jdbc.instant(rs, "at"),
                Jdbc.nullableLong(rs, "account_id"), rs.getString("username"), rs.getString("action"),
                rs.getString("target"), rs.getString("detail"), rs.getString("remote_address")), params.toArray());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
