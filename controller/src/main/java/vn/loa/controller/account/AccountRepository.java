package vn.loa.controller.account;

import java.time.Instant;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** Accounts and their sign-in sessions. */
public final class AccountRepository {
    private final Jdbc jdbc;

    public AccountRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Credentials(Account account, String passwordHash) {
    }

    public Optional<Credentials> findByUsername(String username) {
        return jdbc.queryOne("SELECT id, username, role, scope_area_id, password_hash FROM account WHERE username = ?",
                rs -> new Credentials(new Account(rs.getLong("id"), rs.getString("username"),
                        Role.valueOf(rs.getString("role")), Jdbc.nullableLong(rs, "scope_area_id")),
                        rs.getString("password_hash")), username);
    }

    public long create(String username, String passwordHash, Role role, Long scopeAreaId) {
        return jdbc.insert("INSERT INTO account (username, password_hash, role, scope_area_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", username, passwordHash, role.name(), scopeAreaId, Instant.now());
    }

    public void updatePassword(long accountId, String passwordHash) {
        jdbc.update("UPDATE account SET password_hash = ? WHERE id = ?", passwordHash, accountId);
    }

    public void createSession(String tokenHash, long accountId, Instant expiresAt) {
        jdbc.update("INSERT INTO login_session (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                tokenHash, accountId, Instant.now(), expiresAt);
    }

    public Optional<Account> findBySession(String tokenHash, Instant now) {
        return jdbc.queryOne("SELECT a.id, a.username, a.role, a.scope_area_id FROM login_session s "
                + "JOIN account a ON a.id = s.account_id WHERE s.token_hash = ? AND s.expires_at > ?",
                rs -> new Account(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                        Jdbc.nullableLong(rs, "scope_area_id")), tokenHash, now);
    }

    public void deleteSession(String tokenHash) {
        jdbc.update("DELETE FROM login_session WHERE token_hash = ?", tokenHash);
    }

    public int deleteExpiredSessions(Instant now) {
        return jdbc.update("DELETE FROM login_session WHERE expires_at <= ?", now);
    }
}
