package vn.loa.controller.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** Accounts, their sign-in sessions and their API tokens. Deleted accounts are kept, marked deleted. */
public final class AccountRepository {
    private static final String LIVE = "a.disabled = FALSE AND a.deleted_at IS NULL";
    private final Jdbc jdbc;

    /** Checked in the writes only the leader makes (docs/architecture.md#leadership); none on H2. */
    private volatile vn.loa.controller.leadership.Fence fence = vn.loa.controller.leadership.Fence.NONE;

    /** The fence of this node's leadership: a paused old leader's expiry of sessions and tokens is refused. */
    public void fenceWith(vn.loa.controller.leadership.Fence fence) {
        this.fence = fence;
    }

    public AccountRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Credentials(Account account, String passwordHash, boolean disabled) {
        public Credentials(Account account, String passwordHash) {
            this(account, passwordHash, false);
        }
    }

    /** An account as the accounts API lists it. */
    public record Listed(Account account, boolean disabled, Instant createdAt) {
    }

    /** A session found by its token: the account and the session's CSRF token. */
    public record SessionRow(Account account, String csrfToken) {
    }

    /** An API token as its owner lists it (never the secret). */
    public record TokenRow(long id, long accountId, String name, Instant createdAt, Instant expiresAt,
            Instant lastUsedAt) {
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                Jdbc.nullableLong(rs, "scope_area_id"));
    }

    /** A live (not deleted) account by username, disabled or not. */
    public Optional<Credentials> findByUsername(String username) {
        return jdbc.queryOne("SELECT id, username, role, scope_area_id, password_hash, disabled FROM account a "
                + "WHERE username = ? AND deleted_at IS NULL",
                rs -> new Credentials(account(rs), rs.getString("password_hash"), rs.getBoolean("disabled")), username);
    }

    public Optional<Listed> find(long id) {
        return jdbc.queryOne("SELECT id, username, role, scope_area_id, disabled, created_at FROM account a "
                + "WHERE id = ? AND deleted_at IS NULL", AccountRepository::listed, id);
    }

    public Optional<String> passwordHash(long id) {
        return jdbc.queryOne("SELECT password_hash FROM account WHERE id = ? AND deleted_at IS NULL",
                rs -> rs.getString(1), id);
    }

    public List<Listed> findAll() {
        return jdbc.query("SELECT id, username, role, scope_area_id, disabled, created_at FROM account a "
                + "WHERE deleted_at IS NULL ORDER BY id", AccountRepository::listed);
    }

    private static Listed listed(ResultSet rs) throws SQLException {
        return new Listed(account(rs), rs.getBoolean("disabled"), Jdbc.instant(rs, "created_at"));
    }

    /** True when the username was ever used (deleted accounts keep theirs). */
    public boolean usernameTaken(String username) {
        return jdbc.queryOne("SELECT 1 FROM account WHERE LOWER(username) = LOWER(?)", rs -> 1, username).isPresent();
    }

    public long create(String username, String passwordHash, Role role, Long scopeAreaId) {
        return jdbc.insert("INSERT INTO account (username, password_hash, role, scope_area_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", username, passwordHash, role.name(), scopeAreaId, Instant.now());
    }

    public void updatePassword(long accountId, String passwordHash) {
        jdbc.update("UPDATE account SET password_hash = ? WHERE id = ?", passwordHash, accountId);
    }

    public void updateRoleAndScope(long accountId, Role role, Long scopeAreaId) {
        jdbc.update("UPDATE account SET role = ?, scope_area_id = ? WHERE id = ?", role.name(), scopeAreaId, accountId);
    }

    public void setDisabled(long accountId, boolean disabled) {
        jdbc.update("UPDATE account SET disabled = ? WHERE id = ?", disabled, accountId);
    }

    /** Marks the account deleted and ends its sessions and tokens. */
    public void markDeleted(long accountId, Instant at) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "UPDATE account SET deleted_at = ?, disabled = TRUE WHERE id = ?", at, accountId);
            Jdbc.update(c, "DELETE FROM login_session WHERE account_id = ?", accountId);
            Jdbc.update(c, "DELETE FROM api_token WHERE account_id = ?", accountId);
            return null;
        });
    }

    /** Live, enabled admins. */
    public long countActiveAdmins() {
        return jdbc.queryOne("SELECT COUNT(*) FROM account a WHERE role = 'ADMIN' AND " + LIVE,
                rs -> rs.getLong(1)).orElse(0L);
    }

    public void createSession(String tokenHash, long accountId, Instant expiresAt) {
        createSession(tokenHash, accountId, expiresAt, null);
    }

    public void createSession(String tokenHash, long accountId, Instant expiresAt, String csrfToken) {
        jdbc.update("INSERT INTO login_session (token_hash, account_id, created_at, expires_at, csrf_token) "
                + "VALUES (?, ?, ?, ?, ?)", tokenHash, accountId, Instant.now(), expiresAt, csrfToken);
    }

    public Optional<Account> findBySession(String tokenHash, Instant now) {
        return findSession(tokenHash, now).map(SessionRow::account);
    }

    public Optional<SessionRow> findSession(String tokenHash, Instant now) {
        return jdbc.queryOne("SELECT a.id, a.username, a.role, a.scope_area_id, s.csrf_token FROM login_session s "
                + "JOIN account a ON a.id = s.account_id WHERE s.token_hash = ? AND s.expires_at > ? AND " + LIVE,
                rs -> new SessionRow(account(rs), rs.getString("csrf_token")), tokenHash, now);
    }

    public void deleteSession(String tokenHash) {
        jdbc.update("DELETE FROM login_session WHERE token_hash = ?", tokenHash);
    }

    /** Ends every session of the account except the one with {@code keepTokenHash} (may be null). */
    public int deleteSessionsOf(long accountId, String keepTokenHash) {
        return jdbc.update("DELETE FROM login_session WHERE account_id = ? AND token_hash <> ?", accountId,
                keepTokenHash == null ? "" : keepTokenHash);
    }

    /** The leader's expiry (fenced: a paused old leader deletes nothing). */
    public int deleteExpiredSessions(Instant now) {
        return jdbc.inTransaction(c -> {
            fence.check(c);
            return Jdbc.update(c, "DELETE FROM login_session WHERE expires_at <= ?", now);
        });
    }

    public long createToken(long accountId, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        return jdbc.insert("INSERT INTO api_token (account_id, name, token_hash, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", accountId, name, tokenHash, createdAt, expiresAt);
    }

    public Optional<Account> findByApiToken(String tokenHash, Instant now) {
        Optional<Account> found = jdbc.queryOne("SELECT a.id, a.username, a.role, a.scope_area_id FROM api_token t "
                + "JOIN account a ON a.id = t.account_id WHERE t.token_hash = ? AND t.expires_at > ? AND " + LIVE,
                AccountRepository::account, tokenHash, now);
        if (found.isPresent()) {
            jdbc.update("UPDATE api_token SET last_used_at = ? WHERE token_hash = ?", now, tokenHash);
        }
        return found;
    }

    public List<TokenRow> tokensOf(long accountId) {
        return jdbc.query("SELECT id, account_id, name, created_at, expires_at, last_used_at FROM api_token "
                + "WHERE account_id = ? ORDER BY id", rs -> new TokenRow(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getString("name"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at"),
                        Jdbc.instant(rs, "last_used_at")), accountId);
    }

    /** Deletes the token if it belongs to the account; false when there is none such. */
    public boolean deleteToken(long accountId, long tokenId) {
        return jdbc.update("DELETE FROM api_token WHERE id = ? AND account_id = ?", tokenId, accountId) == 1;
    }

    /** The leader's expiry (fenced: a paused old leader deletes nothing). */
    public int deleteExpiredTokens(Instant now) {
        return jdbc.inTransaction(c -> {
            fence.check(c);
            return Jdbc.update(c, "DELETE FROM api_token WHERE expires_at <= ?", now);
        });
    }
}
