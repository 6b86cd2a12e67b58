package vn.loa.controller.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after {@value #USER_LIMIT} failed sign-ins for one username, or
 * {@value #ADDRESS_LIMIT} from one remote address, within {@link #WINDOW}, that username (or address) is
 * locked out for {@link #LOCKOUT}, whatever password it tries. A successful sign-in forgets the
 * username's failures. Kept in memory: a controller restart forgets it (the audit log keeps the failures).
 */
public final class LoginThrottle {
    public static final int USER_LIMIT = 5;
    public static final int ADDRESS_LIMIT = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Beyond this many tracked keys, idle ones are dropped at once (a flood of made-up usernames). */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Counter> byUser = new HashMap<>();
    private final Map<String, Counter> byAddress = new HashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private static final class Counter {
        Instant windowStart;
        int failures;
        Instant lockedUntil;
    }

    /** How long the caller must wait before trying again, or empty when it may try now. */
    public synchronized Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Counter c : new Counter[] {byUser.get(key(username)), byAddress.get(address)}) {
            if (c != null && c.lockedUntil != null && now.isBefore(c.lockedUntil)) {
                Duration d = Duration.between(now, c.lockedUntil);
                wait = d.compareTo(wait) > 0 ? d : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed sign-in; returns true when it locked the username or the address. */
    public synchronized boolean failed(String username, String address) {
        Instant now = clock.instant();
        if (byUser.size() + byAddress.size() > MAX_KEYS) {
            prune();
        }
        boolean lockedUser = count(byUser, key(username), USER_LIMIT, now);
        boolean lockedAddress = address != null && count(byAddress, address, ADDRESS_LIMIT, now);
        return lockedUser || lockedAddress;
    }

    public synchronized void succeeded(String username) {
        byUser.remove(key(username));
    }

    /** Forgets counters that no longer matter; run periodically. */
    public synchronized int prune() {
        Instant now = clock.instant();
        int before = byUser.size() + byAddress.size();
        for (Map<String, Counter> m : java.util.List.of(byUser, byAddress)) {
            m.values().removeIf(c -> (c.lockedUntil == null || !now.isBefore(c.lockedUntil))
                    && !now.isBefore(c.windowStart.plus(WINDOW)));
        }
        return before - byUser.size() - byAddress.size();
    }

    private static boolean count(Map<String, Counter> map, String key, int limit, Instant now) {
        Counter c = map.computeIfAbsent(key, k -> new Counter());
        if (c.windowStart == null || !now.isBefore(c.windowStart.plus(WINDOW))
                || (c.lockedUntil != null && !now.isBefore(c.lockedUntil))) {
            c.windowStart = now;
            c.failures = 0;
            c.lockedUntil = null;
        }
        c.failures++;
        if (c.failures >= limit && c.lockedUntil == null) {
            c.lockedUntil = now.plus(LOCKOUT);
            return true;
        }
        return false;
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
