package vn.loa.controller.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing without ever locking an account (docs/accounts.md#sign-in-throttling): failures
 * are counted per remote address and per username within {@link #WINDOW}. A sign-in from an address with no
 * recent failure is never delayed — so while an attacker keeps failing against {@code admin} from one address,
 * the real admin signs in from another at once. From an address that has failed recently, the wait is the
 * longer of the address's and the username's delays; each doubles with every failure beyond a few free ones,
 * capped at {@link #MAX_DELAY}. Open sessions and API tokens are never affected. A successful sign-in forgets
 * the username's and the address's failures. Kept in memory: a restart forgets it (the audit log keeps them).
 * A decision with a clock, no I/O: its lock is never held across I/O.
 */
public final class LoginThrottle {
    /** Failures of one username that cost nothing (typing mistakes). */
    public static final int USER_FREE_FAILURES = 3;
    /** Failures from one address that cost nothing. */
    public static final int ADDRESS_FREE_FAILURES = 5;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Beyond this many tracked keys, idle ones are dropped at once (a flood of made-up usernames). */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Counter> byUser = new HashMap<>();
    private final Map<String, Counter> byAddress = new HashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private static final class Counter {
        Instant last;
        int failures;
    }

    /** The delay after {@code failures} failures when the first {@code free} cost nothing: 1 s, 2 s, 4 s … ≤ 30 s. */
    static Duration delay(int failures, int free) {
        if (failures <= free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - free - 1, 16);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    /** How long the caller must wait before trying again, or empty when it may try now. */
    public synchronized Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        Counter a = address == null ? null : live(byAddress, address, now);
        if (a == null) {
            return Optional.empty(); // no recent failure from this address: never delayed
        }
        Duration wait = remaining(a, ADDRESS_FREE_FAILURES, now);
        Counter u = live(byUser, key(username), now);
        if (u != null) {
            Duration w = remaining(u, USER_FREE_FAILURES, now);
            wait = w.compareTo(wait) > 0 ? w : wait;
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed sign-in; returns the delay it now imposes on the next attempt from that address. */
    public synchronized Duration failed(String username, String address) {
        Instant now = clock.instant();
        if (byUser.size() + byAddress.size() > MAX_KEYS) {
            prune();
        }
        count(byUser, key(username), now);
        if (address != null) {
            count(byAddress, address, now);
        }
        return retryAfter(username, address).orElse(Duration.ZERO);
    }

    /** A successful sign-in: the username and the address start afresh. */
    public synchronized void succeeded(String username, String address) {
        byUser.remove(key(username));
        if (address != null) {
            byAddress.remove(address);
        }
    }

    /** Forgets counters that no longer matter; run periodically. */
    public synchronized int prune() {
        Instant now = clock.instant();
        int before = byUser.size() + byAddress.size();
        for (Map<String, Counter> m : java.util.List.of(byUser, byAddress)) {
            m.values().removeIf(c -> !now.isBefore(c.last.plus(WINDOW)));
        }
        return before - byUser.size() - byAddress.size();
    }

    private static Counter live(Map<String, Counter> map, String key, Instant now) {
        Counter c = map.get(key);
        return c == null || !now.isBefore(c.last.plus(WINDOW)) ? null : c;
    }

    private static Duration remaining(Counter c, int free, Instant now) {
        return Duration.between(now, c.last.plus(delay(c.failures, free)));
    }

    private static void count(Map<String, Counter> map, String key, Instant now) {
        Counter c = map.get(key);
        if (c == null || !now.isBefore(c.last.plus(WINDOW))) {
            c = new Counter();
            map.put(key, c);
        }
        c.failures++;
        c.last = now;
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
