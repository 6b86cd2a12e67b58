package vn.loa.controller.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Signs people in and recognises their session tokens and API tokens. */
public final class SessionService {
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;
    /** Verifying against this keeps unknown usernames as slow as wrong passwords. */
    private final String dummyHash;

    public SessionService(AccountRepository accounts, PasswordHasher hasher, Tokens tokens, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.dummyHash = hasher.hash("not a password");
    }

    public record SignedIn(Account account, String token, String csrfToken, Instant expiresAt) {
    }

    /** Empty for an unknown user, a wrong password or a disabled account (all take equally long). */
    public Optional<SignedIn> signIn(String username, String password) {
        var credentials = accounts.findByUsername(username);
        if (credentials.isEmpty()) {
            hasher.matches(password, dummyHash);
            return Optional.empty();
        }
        var c = credentials.get();
        if (!hasher.matches(password, c.passwordHash()) || c.disabled()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(c.passwordHash())) {
            accounts.updatePassword(c.account().id(), hasher.hash(password));
        }
        String token = tokens.newToken();
        String csrf = tokens.newToken();
        Instant expiresAt = clock.instant().plus(SESSION_LIFETIME);
        accounts.createSession(Tokens.sha256Hex(token), c.account().id(), expiresAt, csrf);
        return Optional.of(new SignedIn(c.account(), token, csrf, expiresAt));
    }

    /** The account of a session token or an API token. */
    public Optional<Account> authenticate(String token) {
        return principal(token).map(Principal::account);
    }

    /** The account of a session token (with its CSRF token) or of an API token. */
    public Optional<Principal> principal(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Tokens.sha256Hex(token);
        Instant now = clock.instant();
        var session = accounts.findSession(hash, now);
        if (session.isPresent()) {
            return Optional.of(new Principal(session.get().account(), false, session.get().csrfToken(), false));
        }
        return accounts.findByApiToken(hash, now).map(a -> new Principal(a, true, null, false));
    }

    public void signOut(String token) {
        accounts.deleteSession(Tokens.sha256Hex(token));
    }

    /** Deletes expired sessions and API tokens; run periodically. */
    public int deleteExpired() {
        Instant now = clock.instant();
        return accounts.deleteExpiredSessions(now) + accounts.deleteExpiredTokens(now);
    }
}
