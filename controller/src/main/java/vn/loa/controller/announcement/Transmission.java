package vn.loa.controller.announcement;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Executor;
import vn.loa.controller.link.StationLink;

/**
 * One announcement's audio on its way out (see {@link Airwaves}): the packets, each framed once, and the
 * stations they go to. Thread-safe; nothing here blocks.
 */
public interface Transmission {
    /** One station's start: its link, its zones, its start instant; {@code attempt} counts its (re)joins. */
    record Start(StationLink link, SortedSet<Long> zones, long startAtMs, int attempt) {
    }

    /** Adds the next 20 ms Opus packet; IllegalStateException once the transmission has ended or stopped. */
    void addPacket(byte[] opus);

    /** No more packets: each station gets a {@code BroadcastEnd} once it has them all. */
    void end();

    boolean ended();

    int packetCount();

    /**
     * Sends the starts, one task per event loop (the groups of {@code StationLinks.byLoop}), each start with
     * its first half second of audio in the same flush; the rest of the audio follows, paced, once every
     * group's starts are out, so no station's start waits behind other stations' audio.
     */
    void open(long startAtMs, Map<Executor, List<Start>> startsByLoop);

    /** A station joining late: its own start with its first packets; the pacer sends the rest. */
    void join(Start start);

    /**
     * A station back after its link was lost while it played: no new start (it plays on from what it holds),
     * every packet from the first at once on the new link — it drops those it has.
     */
    void resume(Start start);

    /** The link the station was last sent on, or null when it was sent nothing. */
    StationLink linkOf(long stationId);

    /** Sends {@code BroadcastStop} to every station that was sent a start, and nothing more from now on. */
    void stop(String reason);

    /** Finished (every station reported, or its window is over): the pacer forgets it. */
    void close();
}
