package vn.loa.controller.announcement;

import vn.loa.protocol.v1.BroadcastStart;

/**
 * Where announcements go out on the wire: the broadcast pacer beside the gateway
 * ({@code gateway.fanout.BroadcastPacer}), which frames each packet once and paces it to every station
 * from the stations' own event loops.
 */
public interface Airwaves {
    /**
     * A new announcement's audio on its way out. Nothing is sent before {@link Transmission#open}; packets are
     * added before it (a recorded announcement: all of them, then {@link Transmission#end}) or as they come (a
     * live one).
     *
     * @param template  the start every station gets (its zones and start instant are set per station)
     * @param targets   how many stations it goes to (large fan-outs are written in batches)
     * @param lostLinks told, on the station's event loop, when the link a station was being sent on closed
     */
    Transmission prepare(BroadcastStart template, int targets, LostLinks lostLinks);

    /** Told when a station's link closed while it was being sent an announcement. Never blocks. */
    @FunctionalInterface
    interface LostLinks {
        /** {@code attempt}: the one of {@link Transmission.Start#attempt} the closed link was sent. */
        void lost(long stationId, int attempt, long atMs);
    }
}
