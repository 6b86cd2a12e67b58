package vn.loa.controller.link;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import vn.loa.protocol.v1.Reject;

/**
 * The port between the domain and the wire: the stations connected now, sending to them, cutting a link,
 * being told when stations come and go, and grouping links by the event loop that writes them for
 * fan-out. Implemented by the gateway; no Netty type crosses it, and nothing on this side of it touches a
 * connection's pipeline.
 */
public interface StationLinks {
    /** The station's link if it is connected now. */
    Optional<StationLink> link(long stationId);

    boolean isOnline(long stationId);

    /** Every link open now (a live view). */
    Collection<? extends StationLink> links();

    int onlineCount();

    /**
     * Tells a connected station why with a {@code Reject}, then closes its link (within 2 s even if the peer
     * does not read). False when the station is not connected.
     */
    boolean disconnect(long stationId, Reject.Code code, String message);

    /**
     * The connected ones among these stations, grouped by the event loop that does their I/O (key: that
     * loop, as an executor). Stations not connected are left out.
     */
    Map<Executor, List<StationLink>> byLoop(Collection<Long> stationIds);

    /** Told when stations come online and go offline (health, alarms, commands, live events). */
    void addPresenceListener(PresenceListener listener);

    /** Told, on the station's event loop, each time a station comes online; before the presence listeners. */
    void addConnectListener(Consumer<StationLink> listener);
}
