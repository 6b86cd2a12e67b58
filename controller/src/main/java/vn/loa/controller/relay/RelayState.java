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
    RETRYING
}
