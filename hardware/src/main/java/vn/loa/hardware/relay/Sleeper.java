package vn.loa.hardware.relay;

import java.time.Duration;

/** Waits; tests substitute one that advances a fake clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d);

    void sleep(Duration duration) throws InterruptedException;
}
