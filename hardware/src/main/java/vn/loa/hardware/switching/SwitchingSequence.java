package vn.loa.hardware.switching;

import java.time.Clock;
import java.time.Duration;
import vn.loa.hardware.StationHardware;

/**
 * The station's one switching order, used by everything that makes the loudspeakers sound (the
 * player, the remote tone and silent tests, the self-test): amplifier on → warm-up (when it was off)
 * → zone relays on, in the order given → settle → audio; and back in reverse: audio drained and
 * closed → zones off, last on first off → amplifier as the caller asked. {@link #begin} opens one
 * such sequence; closing it releases whatever it switched, whichever step failed.
 */
public final class SwitchingSequence {
    /**
     * @param warmUp amplifier on → first zone on, when the amplifier was off
     * @param settle last zone on → first audio sample
     */
    public record Timings(Duration warmUp, Duration settle) {
        public Timings {
            if (warmUp == null || warmUp.isNegative() || settle == null || settle.isNegative()) {
                throw new IllegalArgumentException("warm-up and settle must be zero or positive: " + warmUp + ", " + settle);
            }
        }
    }

    /** What becomes of the amplifier when a sequence is released. */
    public enum AmplifierAfter {
        /** Left on: the player switches it off after its hold time, or reuses it for the next stream. */
        LEFT_ON,
        /** Back as it was before the sequence: off when the sequence switched it on. */
        AS_BEFORE
    }

    private final StationHardware hardware;
    private final Timings timings;
    private final Clock clock;
    private final Pause pause;

    /**
     * @param clock the station clock the waits are measured on
     * @param pause how to wait (a parking wait that a stopping player calls off; a fake clock in tests)
     */
    public SwitchingSequence(StationHardware hardware, Timings timings, Clock clock, Pause pause) {
        this.hardware = hardware;
        this.timings = timings;
        this.clock = clock;
        this.pause = pause;
    }

    public Timings timings() {
        return timings;
    }

    /**
     * Starts a sequence: nothing is switched yet. Use it in try-with-resources so that whatever it
     * switches is released in reverse order.
     *
     * @param who names the sequence in logs (e.g. "station 42 item s7-1796119200")
     */
    public Switched begin(String who, AmplifierAfter after) {
        return new Switched(hardware, timings, clock, pause, who, after);
    }
}
