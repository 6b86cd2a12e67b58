package vn.loa.hardware.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import vn.loa.hardware.HardwareException;

/**
 * Keeps a minimum interval between two switches of one relay (no chatter): a switch requested
 * sooner waits for the rest of the interval. Requests for the state the relay is already in pass
 * straight through. A clock that jumps (the station clock is synchronised) never makes a switch
 * wait longer than the interval.
 */
public final class PacedRelay implements Relay {
    private final Relay relay;
    private final Duration minInterval;
    private final Clock clock;
    private final Sleeper sleeper;
    private long lastSwitchMs = Long.MIN_VALUE;

    public PacedRelay(Relay relay, Duration minInterval, Clock clock, Sleeper sleeper) {
        this.relay = relay;
        this.minInterval = minInterval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String describe() {
        return relay.describe();
    }

    @Override
    public String device() {
        return relay.device();
    }

    @Override
    public synchronized void set(boolean on) throws HardwareException {
        if (on == relay.isOn()) {
            relay.set(on); // re-asserts the state (e.g. a board that was replugged): not a switch
            return;
        }
        if (lastSwitchMs != Long.MIN_VALUE) {
            long wait = Math.min(minInterval.toMillis(), lastSwitchMs + minInterval.toMillis() - clock.millis());
            if (wait > 0) {
                try {
                    sleeper.sleep(Duration.ofMillis(wait));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HardwareException(relay.describe() + ": interrupted while waiting to switch", e);
                }
            }
        }
        relay.set(on);
        lastSwitchMs = clock.millis();
    }

    @Override
    public boolean isOn() {
        return relay.isOn();
    }

    @Override
    public Optional<Boolean> readBack() throws HardwareException {
        return relay.readBack();
    }
}
