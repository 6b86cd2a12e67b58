package vn.loa.agent.clock;

/** Where the station's time comes from now (reported in health; docs/resilience.md#time-without-the-controller). */
public enum ClockSource {
    /** Unknown: no controller answer yet, no local source; scheduled items wait. */
    NONE,
    /** Exchanges with the controller (the normal case). */
    CONTROLLER,
    /** The last controller offset, restored in the same boot of the machine (the agent alone restarted). */
    RESTORED,
    /** The system clock, synchronised by NTP (systemd-timesyncd), plus the last known controller offset. */
    NTP,
    /** A battery-backed real-time clock, plus the last known controller offset. */
    RTC,
    /** GPS time from gpsd (TPV, or PPS when gpsd has one), plus the last known controller offset. */
    GPS
}
