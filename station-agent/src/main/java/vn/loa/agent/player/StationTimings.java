package vn.loa.agent.player;

import java.time.Duration;
import vn.loa.agent.arbiter.Arbiter;
import vn.loa.hardware.switching.SwitchingSequence;

/**
 * The station's play timings (defaults and validation in the agent's configuration).
 *
 * @param warmUp        amplifier on → zones on
 * @param zoneSettle    zones on → first audio sample
 * @param hold          last audio sample → amplifier off (a following stream within this time reuses it)
 * @param lateTolerance how late an item with the default hard time may still start
 */
public record StationTimings(Duration warmUp, Duration zoneSettle, Duration hold, Duration lateTolerance) {
    public SwitchingSequence.Timings switching() {
        return new SwitchingSequence.Timings(warmUp, zoneSettle);
    }

    public Arbiter.Timing arbiter() {
        return new Arbiter.Timing(warmUp, zoneSettle, lateTolerance);
    }
}
