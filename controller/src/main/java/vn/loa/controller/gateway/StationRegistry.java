package vn.loa.controller.gateway;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.link.PresenceListener;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.plan.PlanSink;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Reject;

/**
 * The stations connected now, one session per station (a new connection replaces the old one): the
 * gateway's implementation of the {@link StationLinks} port, and the {@link PlanSink} plans go out through.
 */
public final class StationRegistry implements StationLinks, PlanSink {
    private static final Logger log = LoggerFactory.getLogger(StationRegistry.class);
    /** A revoked or refused peer that does not read its Reject is cut off after this long. */
    private static final long FORCED_CLOSE_SECONDS = 2;

    private final ConcurrentHashMap<Long, StationSession> sessions = new ConcurrentHashMap<>();
    private final StationRepository stations;
    private final ExecutorService blocking;
    private final Clock clock;
    private final AtomicLong requestIds = new AtomicLong();
    private final List<Consumer<StationLink>> connectListeners = new CopyOnWriteArrayList<>();
    private final List<PresenceListener> presenceListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<Long, vn.loa.protocol.v1.UpdateStatus>> updateListeners =
            new CopyOnWriteArrayList<>();

    public StationRegistry(StationRepository stations, ExecutorService blocking, Clock clock) {
        this.stations = stations;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Told, on the station's event loop (hand blocking work off), how an offered release went (ota.v1). */
    public void addUpdateStatusListener(java.util.function.BiConsumer<Long, vn.loa.protocol.v1.UpdateStatus> listener) {
        updateListeners.add(listener);
    }

    private final List<java.util.function.BiConsumer<Long, vn.loa.protocol.v1.ConfigStatus>> configListeners =
            new CopyOnWriteArrayList<>();

    /** Told, on the station's event loop (hand blocking work off), how a pushed hardware file went (config.v1). */
    public void addConfigStatusListener(java.util.function.BiConsumer<Long, vn.loa.protocol.v1.ConfigStatus> listener) {
        configListeners.add(listener);
    }

    void configStatus(long stationId, vn.loa.protocol.v1.ConfigStatus status) {
        for (var l : configListeners) {
            l.accept(stationId, status);
        }
    }

    void updateStatus(long stationId, vn.loa.protocol.v1.UpdateStatus status) {
        for (var l : updateListeners) {
            l.accept(stationId, status);
        }
    }

    @Override
    public void addPresenceListener(PresenceListener listener) {
        presenceListeners.add(listener);
    }

    @Override
    public void addConnectListener(Consumer<StationLink> listener) {
        connectListeners.add(listener);
    }

    /** On the new session's event loop, after its Welcome. */
    void register(StationSession session) {
        StationSession old = sessions.put(session.stationId(), session);
        if (old != null && old.channel() != session.channel()) {
            log.warn("station {}: connected again from {}; closing the older link from {}", session.stationId(),
                    session.channel().remoteAddress(), old.channel().remoteAddress());
            old.channel().writeAndFlush(Envelope.newBuilder().setReject(Reject.newBuilder()
                    .setCode(Reject.Code.REPLACED).setMessage("a newer connection of this station replaced this one"))
                    .build()).addListener(ChannelFutureListener.CLOSE);
        }
        Instant at = session.connectedAt();
        blocking.execute(() -> stations.updateLastSeen(session.stationId(), at));
        session.channel().closeFuture().addListener(f -> unregister(session));
        for (Consumer<StationLink> l : connectListeners) {
            try {
                l.accept(session);
            } catch (RuntimeException e) {
                log.error("station {}: a connect listener failed: {}", session.stationId(), e.toString(), e);
            }
        }
        for (PresenceListener l : presenceListeners) {
            try {
                l.online(session);
            } catch (RuntimeException e) {
                log.error("station {}: a presence listener failed: {}", session.stationId(), e.toString(), e);
            }
        }
    }

    private void unregister(StationSession session) {
        boolean removed = sessions.remove(session.stationId(), session);
        Instant at = clock.instant();
        session.seen(at);
        if (removed) {
            log.info("station {} offline (link closed)", session.stationId());
            for (PresenceListener l : presenceListeners) {
                try {
                    l.offline(session, at);
                } catch (RuntimeException e) {
                    log.error("station {}: a presence listener failed: {}", session.stationId(), e.toString(), e);
                }
            }
        }
        blocking.execute(() -> stations.updateLastSeen(session.stationId(), at));
    }

    /** The gateway's session of a connected station (the Netty side: its channel). */
    public Optional<StationSession> session(long stationId) {
        return Optional.ofNullable(sessions.get(stationId));
    }

    @Override
    public Optional<StationLink> link(long stationId) {
        return Optional.ofNullable(sessions.get(stationId));
    }

    @Override
    public boolean isOnline(long stationId) {
        return sessions.containsKey(stationId);
    }

    @Override
    public Collection<StationSession> links() {
        return sessions.values();
    }

    @Override
    public int onlineCount() {
        return sessions.size();
    }

    @Override
    public Map<Executor, List<StationLink>> byLoop(Collection<Long> stationIds) {
        Map<Executor, List<StationLink>> out = new HashMap<>();
        for (long id : stationIds) {
            StationSession s = sessions.get(id);
            if (s != null) {
                out.computeIfAbsent(s.channel().eventLoop(), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }

    @Override
    public boolean disconnect(long stationId, Reject.Code code, String message) {
        StationSession s = sessions.get(stationId);
        if (s == null) {
            return false;
        }
        s.channel().writeAndFlush(Envelope.newBuilder().setReject(Reject.newBuilder().setCode(code).setMessage(message))
                .build()).addListener(ChannelFutureListener.CLOSE);
        // a peer that does not read must not keep the link open
        s.channel().eventLoop().schedule(() -> s.channel().close(), FORCED_CLOSE_SECONDS, TimeUnit.SECONDS);
        return true;
    }

    /**
     * Sends the plan if the station is connected and does not hold it yet. On the station's event loop, so a
     * plan delivered by the planner and the one the hello sends are compared and sent one after the other.
     */
    @Override
    public void deliver(long stationId, PlanSync plan) {
        StationSession s = sessions.get(stationId);
        if (s == null) {
            return;
        }
        if (s.channel().eventLoop().inEventLoop()) {
            deliverOnLoop(s, plan);
        } else {
            s.channel().eventLoop().execute(() -> deliverOnLoop(s, plan));
        }
    }

    private void deliverOnLoop(StationSession s, PlanSync plan) {
        // compare with the newest plan the station has or is being sent, not only what it acknowledged
        String newest = s.sentPlanVersion().isEmpty() ? s.ackedPlanVersion() : s.sentPlanVersion();
        if (plan.getVersion().equals(newest) || !s.channel().isActive()) {
            return;
        }
        s.planSent(plan.getVersion());
        s.channel().writeAndFlush(Envelope.newBuilder().setRequestId(requestIds.incrementAndGet()).setPlanSync(plan)
                .build(), s.channel().voidPromise());
    }

    /**
     * This node stopped leading: every link is refused with {@code NOT_LEADER} naming the leader's agent
     * port (empty when not known yet), so the agents move on to it. Does not wait for the links to close.
     */
    public void refuseAll(String leaderAddress) {
        Reject reject = Reject.newBuilder().setCode(Reject.Code.NOT_LEADER)
                .setMessage("this controller stopped leading; the leader's agent port is "
                        + (leaderAddress.isEmpty() ? "not known yet" : leaderAddress))
                .setLeaderAddress(leaderAddress).build();
        for (StationSession s : sessions.values()) {
            s.channel().writeAndFlush(Envelope.newBuilder().setReject(reject).build())
                    .addListener(ChannelFutureListener.CLOSE);
            // a peer that does not read must not keep the link open
            s.channel().eventLoop().schedule(() -> s.channel().close(), FORCED_CLOSE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Closes every link (controller shutting down). */
    public void closeAll() {
        List<ChannelFuture> closing = new ArrayList<>();
        for (StationSession s : sessions.values()) {
            s.channel().writeAndFlush(Envelope.newBuilder().setReject(Reject.newBuilder()
                    .setCode(Reject.Code.SHUTTING_DOWN).setMessage("controller shutting down")).build())
                    .addListener(ChannelFutureListener.CLOSE);
            closing.add(s.channel().closeFuture());
        }
        // wait (bounded) for the links to close, so what their closing does (last-seen, alarms) still runs
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ChannelFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left))) {
                log.warn("some station links did not close within 3 s of the shutdown");
                break;
            }
        }
    }
}
