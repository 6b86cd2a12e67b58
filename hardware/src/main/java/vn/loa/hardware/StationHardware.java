package vn.loa.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every device of one station and shuts them down in a fixed, safe order: audio stopped,
 * zones off, amplifier off, the station handed back to the local mixer (when a bypass is wired),
 * then ports and pins closed. {@link #close} is idempotent; the one who built the station calls it
 * once, from its own shutdown path (the agent's, or a shutdown hook for a standalone tool).
 */
public final class StationHardware implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationHardware.class);

    private final Amplifier amplifier;
    private final ZoneSwitch zones;
    private final AudioOutput audio;
    private final Sensors sensors;
    private final Bypass bypass;
    private final DeviceCheck devices;
    private final List<AutoCloseable> resources;
    private final ReentrantLock closing = new ReentrantLock();
    private boolean closed;

    /** A station without a bypass and without probeable devices (simulated, tests). */
    public StationHardware(Amplifier amplifier, ZoneSwitch zones, AudioOutput audio, Sensors sensors,
            List<AutoCloseable> resources) {
        this(amplifier, zones, audio, sensors, Bypass.none(), DeviceCheck.NONE, resources);
    }

    /**
     * @param resources closed after the devices are safe, in this order (ports, then the GPIO context)
     */
    public StationHardware(Amplifier amplifier, ZoneSwitch zones, AudioOutput audio, Sensors sensors, Bypass bypass,
            DeviceCheck devices, List<AutoCloseable> resources) {
        this.amplifier = amplifier;
        this.zones = zones;
        this.audio = audio;
        this.sensors = sensors;
        this.bypass = bypass;
        this.devices = devices;
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

    /** The bypass contactor that hands the station to the local mixer (a no-op one when none is wired). */
    public Bypass bypass() {
        return bypass;
    }

    /** Which devices fail, and a way to probe them while idle. */
    public DeviceCheck devices() {
        return devices;
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
            try {
                bypass.setLocal(true); // the station goes back to the local mixer, as when the Pi is off
            } catch (HardwareException | RuntimeException e) {
                log.error("could not release the bypass ({}): {}", bypass.describe(), e.getMessage());
            }
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
