package vn.loa.hardware;

/**
 * The bypass contactor of a station with a local mixer (docs/hardware.md#local-mode): energised, the
 * amplifier and the zones are on the agent's relays and sound card; released, its normally-closed
 * contacts hand them to the local mixer. The agent energises it while it has the station, and
 * releases it in local mode, when it stops, and — by wiring — whenever the Pi is off.
 */
public interface Bypass {
    /** Releases the contactor (local mixer) or energises it (the agent has the station). */
    void setLocal(boolean local) throws HardwareException;

    /** Whether the station is handed to the local mixer (as last commanded). */
    boolean isLocal();

    /** Where its coil is wired, for a technician. */
    default String describe() {
        return "bypass";
    }

    /** No bypass wired: local mode only releases the agent's relays (a new one per station: it keeps its state). */
    static Bypass none() {
        return new Bypass() {
            private volatile boolean local;

            @Override
            public void setLocal(boolean local) {
                this.local = local;
            }

            @Override
            public boolean isLocal() {
                return local;
            }

            @Override
            public String describe() {
                return "no bypass wired";
            }
        };
    }
}
