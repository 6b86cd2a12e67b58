package vn.loa.hardware.switching;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StationHardware;

/**
 * One run of the switching order (see {@link SwitchingSequence}): each step is asked for in order,
 * and {@link #release()} (or {@link #close()}) undoes every step taken, in reverse, going on past a
 * device that fails to switch off. Not thread-safe: one thread drives a sequence.
 */
public final class Switched implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Switched.class);

    private final StationHardware hardware;
    private final SwitchingSequence.Timings timings;
    private final Clock clock;
    private final Pause pause;
    private final String who;
    private final SwitchingSequence.AmplifierAfter after;
    private final boolean amplifierWasOn;
    private final List<Long> zonesOn = new ArrayList<>();
    private boolean amplifierTouched;
    private boolean audioTouched;
    private List<SwitchFailure> released;

    Switched(StationHardware hardware, SwitchingSequence.Timings timings, Clock clock, Pause pause, String who,
            SwitchingSequence.AmplifierAfter after) {
        this.hardware = hardware;
        this.timings = timings;
        this.clock = clock;
        this.pause = pause;
        this.who = who;
        this.after = after;
        this.amplifierWasOn = hardware.amplifier().isPowered();
    }

    /** Whether the amplifier was already on when the sequence began (then it needs no warm-up). */
    public boolean amplifierWasOn() {
        return amplifierWasOn;
    }

    /** Powers the amplifier and, when it was off, waits its warm-up. */
    public void amplifierOn() throws HardwareException {
        amplifierOn(0);
    }

    /**
     * Powers the amplifier and, when it was off, waits its warm-up and at least until {@code notBeforeMs}
     * (the player: until its zones are due, so they are not on longer than needed).
     */
    public void amplifierOn(long notBeforeMs) throws HardwareException {
        amplifierTouched = true;
        hardware.amplifier().setPowered(true);
        if (!amplifierWasOn) {
            pause.until(Math.max(clock.millis() + timings.warmUp().toMillis(), notBeforeMs));
        }
    }

    /** Switches one zone on; it is switched off again on release. */
    public void zoneOn(long zone) throws HardwareException {
        hardware.zones().setZone(zone, true);
        zonesOn.add(zone);
    }

    /**
     * Switches the zones on in the order given, going on past one that fails.
     *
     * @return the zones that failed, in order, with why
     */
    public Map<Long, HardwareException> zonesOn(List<Long> zones) {
        Map<Long, HardwareException> failed = new LinkedHashMap<>();
        for (long zone : zones) {
            try {
                zoneOn(zone);
            } catch (HardwareException e) {
                failed.put(zone, e);
                log.error("{}: zone {} failed: {}", who, zone, e.getMessage());
            }
        }
        return failed;
    }

    /** The zones this sequence has switched on and not yet off, in the order they went on. */
    public List<Long> zonesSwitchedOn() {
        return Collections.unmodifiableList(zonesOn);
    }

    /** Switches one zone off before the end (e.g. a silent test walking the zones). */
    public void zoneOff(long zone) throws HardwareException {
        hardware.zones().setZone(zone, false);
        zonesOn.remove(Long.valueOf(zone));
    }

    /** When audio may start: not before {@code notBeforeMs}, and not before the relays have settled from now. */
    public long audioAt(long notBeforeMs) {
        return Math.max(notBeforeMs, clock.millis() + timings.settle().toMillis());
    }

    /** Waits for the relays to settle. */
    public void settle() {
        pause.until(audioAt(0));
    }

    public void openAudio(PcmFormat format, String label) throws HardwareException {
        audioTouched = true;
        hardware.audio().open(format, label);
    }

    /** Drains and closes the audio output (before the zones go off). */
    public void closeAudio() throws HardwareException {
        if (audioTouched) {
            audioTouched = false;
            hardware.audio().close();
        }
    }

    /**
     * Undoes every step taken, in reverse: audio closed, zones off from the last one on, then the
     * amplifier as asked. Idempotent.
     *
     * @return the devices that did not switch off (also logged)
     */
    public List<SwitchFailure> release() {
        if (released != null) {
            return released;
        }
        List<SwitchFailure> failures = new ArrayList<>();
        if (audioTouched) {
            audioTouched = false;
            try {
                hardware.audio().close();
            } catch (HardwareException | RuntimeException e) {
                failures.add(new SwitchFailure(SwitchFailure.Device.AUDIO, 0, e.getMessage()));
            }
        }
        for (int i = zonesOn.size() - 1; i >= 0; i--) {
            long zone = zonesOn.get(i);
            try {
                hardware.zones().setZone(zone, false);
            } catch (HardwareException | RuntimeException e) {
                failures.add(new SwitchFailure(SwitchFailure.Device.ZONE, zone, e.getMessage()));
            }
        }
        zonesOn.clear();
        if (after == SwitchingSequence.AmplifierAfter.AS_BEFORE && amplifierTouched && !amplifierWasOn) {
            try {
                hardware.amplifier().setPowered(false);
            } catch (HardwareException | RuntimeException e) {
                failures.add(new SwitchFailure(SwitchFailure.Device.AMPLIFIER, 0, e.getMessage()));
            }
        }
        for (SwitchFailure f : failures) {
            log.error("{}: releasing the {} failed", who, f);
        }
        released = List.copyOf(failures);
        return released;
    }

    @Override
    public void close() {
        release();
    }
}
