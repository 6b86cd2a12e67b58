package vn.loa.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it: {@link #advance} (also usable as a sleeper that does not
 * wait, {@code clock::advance}) or {@link #set}. Safe to read from other threads. Its zone is UTC; code that
 * evaluates rules in a zone takes the zone separately.
 */
public final class FakeClock extends Clock {
    private final AtomicReference<Instant> now;

    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** At {@code startMillis} after the epoch. */
    public FakeClock(long startMillis) {
        this(Instant.ofEpochMilli(startMillis));
    }

    /** Moves the clock by {@code d} (backwards when negative, as a corrected station clock can). */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
