package vn.loa.controller.link;

import java.time.Instant;

/** Told when a station comes online and when its link is gone (closed cleanly, reset, or silent too long). */
public interface PresenceListener {
    /** Called on the station's event loop: never block. */
    void online(StationLink link);

    /** Called when the link's connection has closed; {@code at} is when the controller noticed. */
    void offline(StationLink link, Instant at);
}
