package vn.loa.protocol.hardwarefile;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A station's hardware as its configuration file describes it (see {@link HardwareConfigParser} and
 * docs/hardware.md). Zones are keyed by the controller's zone ids. Defaults live in {@link Defaults}.
 */
public record HardwareConfig(Timings timings, RelayRef amplifier, SortedMap<Long, Zone> zones,
        SortedMap<String, Board> boards, SensorInputs sensors, Audio audio, Optional<RelayRef> bypass) {

    public HardwareConfig {
        zones = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(zones));
        boards = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(boards));
    }

    /** Every default in one place. */
    public static final class Defaults {
        public static final Duration WARM_UP = Duration.ofMillis(1500);
        public static final Duration HOLD = Duration.ofSeconds(5);
        public static final Duration MIN_RELAY_INTERVAL = Duration.ofMillis(200);
        public static final Duration DEBOUNCE = Duration.ofMillis(50);
        public static final Duration FADE = Duration.ofMillis(10);
        public static final int LCUS_BAUD = 9600;
        public static final int MODBUS_BAUD = 9600;
        public static final int MODBUS_ADDRESS = 1;
        public static final Duration MODBUS_TIMEOUT = Duration.ofMillis(300);
        public static final int MODBUS_RETRIES = 2;
        public static final Duration REOPEN_BACKOFF_MIN = Duration.ofMillis(250);
        public static final Duration REOPEN_BACKOFF_MAX = Duration.ofSeconds(10);

        private Defaults() {
        }
    }

    /**
     * @param warmUp           amplifier on → zones on (used by the agent's play sequence)
     * @param hold             last sample → amplifier off
     * @param minRelayInterval the least time between two switches of one relay
     */
    public record Timings(Duration warmUp, Duration hold, Duration minRelayInterval) {
    }

    /** Where a relay is wired. */
    public sealed interface RelayRef permits GpioPin, BoardChannel {
    }

    /** A relay on a GPIO pin (BCM number); active-high: the relay is on when the pin is high. */
    public record GpioPin(int pin, boolean activeHigh) implements RelayRef {
        @Override
        public String toString() {
            return "GPIO " + pin + (activeHigh ? " active-high" : " active-low");
        }
    }

    /** A relay on channel N (from 1) of a serial board. */
    public record BoardChannel(String board, int channel) implements RelayRef {
        @Override
        public String toString() {
            return "board " + board + " channel " + channel;
        }
    }

    /** A loudspeaker zone: its relay and its extra gain. */
    public record Zone(long id, RelayRef relay, double gainDb) {
    }

    public enum BoardType {
        /** LCUS USB relay boards (CH340): fixed 4-byte frames, no answer. */
        LCUS,
        /** Modbus RTU relay boards: coils, answers, read-back. */
        MODBUS
    }

    /**
     * A serial relay board.
     *
     * @param address Modbus slave address (LCUS: unused, 0)
     * @param timeout Modbus answer timeout (LCUS: unused)
     * @param retries Modbus resends after a timeout or a corrupt answer (LCUS: unused)
     */
    public record Board(String name, BoardType type, String port, int baud, int address, int channels,
            Duration timeout, int retries) {
    }

    /** A digital input: pin (BCM), level that means "active", debounce time. */
    public record Input(int pin, boolean activeHigh, Duration debounce) {
    }

    /** The optional inputs: amplifier fault, mains present, cabinet door open, the local-mode switch. */
    public record SensorInputs(Optional<Input> amplifierFault, Optional<Input> mains, Optional<Input> door,
            Optional<Input> localMode) {
    }

    /**
     * @param device     substring of the sound device (Java Sound mixer) name; blank = the first that fits
     * @param gainDb     station gain
     * @param outputRate 0 = the stream's rate (resampled only if the device refuses it)
     */
    public record Audio(String device, double gainDb, Duration fade, int outputRate) {
    }

    /** Zone id → extra gain, for the zones that have one. */
    public Map<Long, Double> zoneGains() {
        Map<Long, Double> gains = new TreeMap<>();
        zones.forEach((id, z) -> {
            if (z.gainDb() != 0) {
                gains.put(id, z.gainDb());
            }
        });
        return gains;
    }

    public boolean usesGpio() {
        return amplifier instanceof GpioPin || bypass.filter(b -> b instanceof GpioPin).isPresent() || zones.values().stream().anyMatch(z -> z.relay() instanceof GpioPin)
                || sensors.amplifierFault().isPresent() || sensors.mains().isPresent() || sensors.door().isPresent()
                || sensors.localMode().isPresent();
    }
}
