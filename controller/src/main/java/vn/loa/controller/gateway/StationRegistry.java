package vn.loa.controller.gateway;

import io.netty.channel.ChannelFutureListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.plan.PlanSink;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Reject;

/** The stations connected now; one session per station (a new connection replaces the old one). */
public final class StationRegistry implements PlanSink {
    private static final Logger log = LoggerFactory.getLogger(StationRegistry.class);

    private final ConcurrentHashMap<Long, StationSession> sessions = new ConcurrentHashMap<>();
    private final StationRepository stations;
    private final ExecutorService blocking;
    private final Clock clock;
    private final AtomicLong requestIds = new AtomicLong();
    private final java.util.List<java.util.function.Consumer<StationSession>> connectListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public StationRegistry(StationRepository stations, ExecutorService blocking, Clock clock) {
        this.stations = stations;
        this.blocking = blocking;
        this.clock = clock;
    }

    private final java.util.List<PresenceListener> presenceListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told when stations come online and go offline (health, alarms, live events). */
    public void addPresenceListener(PresenceListener listener) {
        presenceListeners.add(listener);
    }

    /** Called (on the station's event loop) each time a station comes online. */
    public void addConnectListener(java.util.function.Consumer<StationSession> listener) {
        connectListeners.add(listener);
    }

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
        for (var l : connectListeners) {
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

    public Optional<StationSession> session(long stationId) {
        return Optional.ofNullable(sessions.get(stationId));
    }

    public boolean isOnline(long stationId) {
        return sessions.containsKey(stationId);
    }

    public Collection<StationSession> sessions() {
        return sessions.values();
    }

    public int onlineCount() {
        return sessions.size();
    }

    /** Sends the plan if the station is connected and does not hold it yet. */
    @Override
    public void deliver(long stationId, PlanSync plan) {
        StationSession s = sessions.get(stationId);
        if (s == null) {
            return;
        }
        // compare with the newest plan the station has or is being sent, not only what it acknowledged
        String newest = s.sentPlanVersion().isEmpty() ? s.ackedPlanVersion() : s.sentPlanVersion();
        if (plan.getVersion().equals(newest)) {
            return;
        }
        s.planSent(plan.getVersion());
        s.channel().writeAndFlush(Envelope.newBuilder().setRequestId(requestIds.incrementAndGet()).setPlanSync(plan)
                .build(), s.channel().voidPromise());
    }

    /** Closes every link (controller shutting down). */
    public void closeAll() {
        java.util.List<io.netty.channel.ChannelFuture> closing = new java.util.ArrayList<>();
        for (StationSession s : sessions.values()) {
            s.channel().writeAndFlush(Envelope.newBuilder().setReject(Reject.newBuilder()
                    .setCode(Reject.Code.SHUTTING_DOWN).setMessage("controller shutting down")).build())
                    .addListener(ChannelFutureListener.CLOSE);
            closing.add(s.channel().closeFuture());
        }
        // wait (bounded) for the links to close, so what their closing does (last-seen, alarms) still runs
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        for (io.netty.channel.ChannelFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left))) {
                log.warn("some station links did not close within 3 s of the shutdown");
                break;
            }
        }
    }
}
