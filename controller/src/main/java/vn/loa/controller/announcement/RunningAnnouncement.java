package vn.loa.controller.announcement;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import vn.loa.protocol.v1.BroadcastStart;

/**
 * One announcement while it runs: its targets and their states, its transmission, and whether it is
 * open (a live one opens with its first audio), stopped or finished. The states are replaced atomically
 * ({@link #update}), from the stations' event loops, the tracker's timer and blocking threads alike.
 */
final class RunningAnnouncement {
    /** A change to one station's state: what it was and what it is now. */
    record Transition(TargetState before, TargetState after) {
        boolean changed() {
            return before != after;
        }
    }

    final long id;
    final boolean live;
    final long createdAtMs;
    final Transmission transmission;
    private final Map<Long, SortedSet<Long>> zones;
    private final ConcurrentHashMap<Long, TargetState> states = new ConcurrentHashMap<>();
    private final AtomicBoolean feedClaimed = new AtomicBoolean();
    private volatile BroadcastStart template;
    private volatile boolean opened;
    private volatile boolean stopped;
    private volatile boolean letGo;
    /** DONE or FAILED once finished, before the state writer has stored it. */
    volatile String finalState;

    RunningAnnouncement(BroadcastStart template, Map<Long, SortedSet<Long>> zones, Map<Long, StationState> initial,
            Transmission transmission, long createdAtMs) {
        this.id = template.getBroadcastId();
        this.live = template.getLive();
        this.template = template;
        this.zones = Map.copyOf(zones);
        this.transmission = transmission;
        this.createdAtMs = createdAtMs;
        initial.forEach((station, state) -> states.put(station, TargetState.initial(state)));
    }

    Set<Long> stationIds() {
        return zones.keySet();
    }

    SortedSet<Long> zonesOf(long stationId) {
        return zones.get(stationId);
    }

    /** Null when the station is not a target. */
    TargetState state(long stationId) {
        return states.get(stationId);
    }

    Collection<TargetState> states() {
        return states.values();
    }

    /** Applies {@code change} to the station's state atomically; unchanged when it returns its argument. */
    Transition update(long stationId, UnaryOperator<TargetState> change) {
        while (true) {
            TargetState before = states.get(stationId);
            if (before == null) {
                return null;
            }
            TargetState after = change.apply(before);
            if (after == before || states.replace(stationId, before, after)) {
                return new Transition(before, after);
            }
        }
    }

    BroadcastStart template() {
        return template;
    }

    /** The common start instant (0 for a live announcement before its first audio). */
    long startAtMs() {
        return template.getStartAtMs();
    }

    /** Open from now on, every target starting at {@code startAtMs}. */
    void open(long startAtMs) {
        template = template.toBuilder().setStartAtMs(startAtMs).build();
        for (long station : stationIds()) {
            update(station, t -> t.startingAt(startAtMs));
        }
        opened = true;
    }

    boolean opened() {
        return opened;
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** This node stopped leading (or is stopping) while the announcement ran: it sends it nothing more. */
    void letGo() {
        letGo = true;
        stopped = true;
    }

    boolean wasLetGo() {
        return letGo;
    }

    /** True for the first caller only: the one live source of this announcement. */
    boolean claimFeed() {
        return feedClaimed.compareAndSet(false, true);
    }

    long frameMs() {
        return Math.max(1, template.getFrameSamples() * 1000L / Math.max(1, template.getSampleRate()));
    }

    long playMs() {
        return AnnouncementWindow.playMs(template, transmission.packetCount(), frameMs());
    }
}
