package vn.loa.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every device of one station and shuts them down in a fixed, safe order: audio stopped,
 * zones off, amplifier off. {@link #close} is idempotent and also runs from a shutdown hook.
 */
public final class StationHardware implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationHardware.class);

    private final Amplifier amplifier;
    private final ZoneSwitch zones;
    private final AudioOutput audio;
    private final Sensors sensors;
    private final List<AutoCloseable> resources;
    private final ReentrantLock closing = new ReentrantLock();
    private boolean closed;

    public StationHardware(Amplifier amplifier, ZoneSwitch zones, AudioOutput audio, Sensors sensors,
            List<AutoCloseable> resources) {
        this.amplifier = amplifier;
        this.zones = zones;
        this.audio = audio;
        this.sensors = sensors;
        this.resources = List.copyOf(resources);
    }

    public Amplifier amplifier() {
        return amplifier;
    }

    public ZoneSwitch zones() {
        return zones;
    }

    public AudioOutput audio() {
        return audio;
    }

    public Sensors sensors() {
        return sensors;
    }

    /** Everything silent and off; used at start, at exit and after a failed play. */
    public void makeSafe() {
        List<String> failures = new ArrayList<>();
        try {
            audio.close();
        } catch (HardwareException | RuntimeException e) {
            failures.add("audio: " + e.getMessage());
        }
        java.util.Set<Long> wired;
        try {
            wired = zones.zones();
        } catch (RuntimeException e) {
            wired = java.util.Set.of();
            failures.add("zones: " + e.getMessage());
        }
        for (long zone : wired) {
            try {
                zones.setZone(zone, false);
            } catch (HardwareException | RuntimeException e) {
                failures.add("zone " + zone + ": " + e.getMessage());
            }
        }
        try {
            amplifier.setPowered(false);
        } catch (HardwareException | RuntimeException e) {
            failures.add("amplifier: " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            log.error("could not make the station safe: {}", String.join("; ", failures));
        }
    }

    @Override
    public void close() {
        // a lock, not synchronized: closing switches relays (I/O) and may run on a virtual thread
        closing.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            makeSafe();
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    log.warn("closing {} failed: {}", r, e.toString());
                }
            }
        } finally {
            closing.unlock();
        }
    }
}
