package vn.loa.controller.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** API tokens for automation: shown once, stored as a SHA-256, acting with the owner's role and scope. */
public final class ApiTokenService {
    public static final int MAX_DAYS = 3650;
    public static final int MAX_PER_ACCOUNT = 100;

    private final AccountRepository accounts;
    private final Tokens tokens;
    private final Clock clock;

    public ApiTokenService(AccountRepository accounts, Tokens tokens, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
    }

    public record Issued(long id, String token, Instant expiresAt) {
    }

    public Issued issue(Account owner, String name, int expiresInDays) {
        if (accounts.tokensOf(owner.id()).size() >= MAX_PER_ACCOUNT) {
            throw new IllegalStateException("at most " + MAX_PER_ACCOUNT + " API tokens per account: delete some first");
        }
        String token = "loa_" + tokens.newToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofDays(expiresInDays));
        long id = accounts.createToken(owner.id(), name, Tokens.sha256Hex(token), now, expiresAt);
        return new Issued(id, token, expiresAt);
    }

    public List<AccountRepository.TokenRow> of(Account owner) {
        return accounts.tokensOf(owner.id());
    }

    public boolean revoke(Account owner, long tokenId) {
        return accounts.deleteToken(owner.id(), tokenId);
    }
}
