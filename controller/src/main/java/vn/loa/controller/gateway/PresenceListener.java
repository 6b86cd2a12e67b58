package vn.loa.controller.gateway;

import java.time.Instant;

/** Told when a station comes online and when its link is gone (closed cleanly, reset, or silent too long). */
public interface PresenceListener {
    /** Called on the station's event loop: never block. */
    void online(StationSession session);

    /** Called when the link's channel has closed; {@code at} is when the controller noticed. */
    void offline(StationSession session, Instant at);
}
