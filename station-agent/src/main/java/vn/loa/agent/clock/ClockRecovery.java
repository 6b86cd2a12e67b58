package vn.loa.agent.clock;

import java.util.OptionalLong;

/**
 * Decides the station's time at start, before the controller answers. Pure: the same inputs, the same answer.
 *
 * <ul>
 * <li>the same boot of the machine and a fresh saved offset: that offset ({@link ClockSource#RESTORED});
 * <li>after a reboot, an NTP-synchronised system clock: the system clock plus the controller's last known
 *     offset from true time when it was learnt on an NTP-synchronised clock too, else 0 ({@link ClockSource#NTP});
 * <li>else an RTC: the RTC's time (to the second) plus that same offset ({@link ClockSource#RTC});
 * <li>else GPS time from gpsd, plus that same offset ({@link ClockSource#GPS}); GPS usually has no fix yet at
 *     start, so this is asked again on every GPS reading while the time is unknown or from GPS;
 * <li>else unknown ({@link ClockSource#NONE}): nothing scheduled plays until the controller answers.
 * </ul>
 */
public final class ClockRecovery {
    /** A restored or carried-over offset older than this is not trusted (crystal drift ~50 ppm, 4 s a day). */
    public static final long MAX_AGE_MS = 2L * 24 * 3600 * 1000;

    /** What the last run saved; {@code ntpSynchronised}: the system clock was NTP-synchronised when it was saved. */
    public record Saved(String bootId, long offsetUs, long savedAtMs, boolean ntpSynchronised) {
    }

    /** The outcome: where the time comes from and the offset to add to the system clock. */
    public record Recovery(ClockSource source, long offsetUs) {
        public static final Recovery UNKNOWN = new Recovery(ClockSource.NONE, 0);
    }

    private ClockRecovery() {
    }

    /**
     * @param saved        the last run's state, or null
     * @param bootId       this boot's id ("" when unknown)
     * @param systemMs     the system clock now
     * @param ntp          the system clock is NTP-synchronised now
     * @param rtcSeconds   the RTC's reading, if there is an RTC
     */
    public static Recovery decide(Saved saved, String bootId, long systemMs, boolean ntp, OptionalLong rtcSeconds) {
        return decide(saved, bootId, systemMs, ntp, rtcSeconds, OptionalLong.empty());
    }

    /**
     * @param gpsOffsetUs  GPS time minus the system clock, from gpsd's latest reading (absent: no gpsd, no fix)
     */
    public static Recovery decide(Saved saved, String bootId, long systemMs, boolean ntp, OptionalLong rtcSeconds,
            OptionalLong gpsOffsetUs) {
        boolean fresh = saved != null && systemMs - saved.savedAtMs() >= 0 && systemMs - saved.savedAtMs() < MAX_AGE_MS;
        if (fresh && !bootId.isEmpty() && bootId.equals(saved.bootId())) {
            return new Recovery(ClockSource.RESTORED, saved.offsetUs());
        }
        // the controller's offset from true time, when the last run measured it against a synchronised clock
        long controllerVsTrue = saved != null && saved.ntpSynchronised() && fresh ? saved.offsetUs() : 0;
        if (ntp) {
            return new Recovery(ClockSource.NTP, controllerVsTrue);
        }
        if (rtcSeconds.isPresent()) {
            long rtcVsSystemUs = (rtcSeconds.getAsLong() * 1000 - systemMs) * 1000;
            // an RTC counts whole seconds: the system clock carries the fraction
            long rtcOffsetUs = Math.abs(rtcVsSystemUs) < 1_000_000 ? 0 : rtcVsSystemUs;
            return new Recovery(ClockSource.RTC, rtcOffsetUs + controllerVsTrue);
        }
        if (gpsOffsetUs.isPresent()) {
            return new Recovery(ClockSource.GPS, gpsOffsetUs.getAsLong() + controllerVsTrue);
        }
        return Recovery.UNKNOWN;
    }
}
