package vn.loa.controller.relay;

/** What a relay is doing right now. */
public enum RelayState {
    /** Outside its windows (or done with the current one). */
    IDLE,
    /** In a window, opening the upstream stream or waiting for its first audible audio. */
    CONNECTING,
    /** Rebroadcasting: a live RELAY announcement is fed from the upstream. */
    ON_AIR,
    /** In a window, the upstream failed; waiting to connect again. */
    RETRYING,
    /**
     * In a window, the upstream failed and the relay's fallback bulletin is played in a loop on the same broadcast
     * while the upstream is tried again; back to {@link #ON_AIR} when it returns.
     */
    FALLBACK
}
