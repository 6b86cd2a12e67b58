package vn.loa.controller.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Signs people in and recognises their session token. */
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

    public record SignedIn(Account account, String token, Instant expiresAt) {
    }

    public Optional<SignedIn> signIn(String username, String password) {
        var credentials = accounts.findByUsername(username);
        if (credentials.isEmpty()) {
            hasher.matches(password, dummyHash);
            return Optional.empty();
        }
        if (!hasher.matches(password, credentials.get().passwordHash())) {
            return Optional.empty();
        }
        String token = tokens.newToken();
        Instant expiresAt = clock.instant().plus(SESSION_LIFETIME);
        accounts.createSession(Tokens.sha256Hex(token), credentials.get().account().id(), expiresAt);
        return Optional.of(new SignedIn(credentials.get().account(), token, expiresAt));
    }

    public Optional<Account> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return accounts.findBySession(Tokens.sha256Hex(token), clock.instant());
    }

    public void signOut(String token) {
        accounts.deleteSession(Tokens.sha256Hex(token));
    }
}
