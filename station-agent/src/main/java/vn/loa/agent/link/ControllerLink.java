package vn.loa.agent.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.pki.CertificateRenewer;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.codec.ProtocolErrorHandler;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;

/**
 * The agent's one connection to the controller: dials out, and redials with {@link Backoff} when the
 * link is lost; the conversation on each connection is the {@link LinkHandler}'s. Everything runs on
 * one event loop of the group, which owns the channel, the timers and the pending requests.
 */
public final class ControllerLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerLink.class);
    public static final String AGENT_VERSION = "0.2.0";
    /** Plans of thousands of items come in one frame; the cap still bounds memory. */
    static final int MAX_INBOUND_FRAME_BYTES = 16 << 20;

    private final LinkSettings settings;
    private final StationClock clock;
    private final EventLoop loop;
    private final LinkListener listener;
    private final Supplier<Heartbeat.Builder> health;
    private final Supplier<String> planVersion;
    private final AtomicLong requestIds = new AtomicLong();
    private final Backoff backoff;
    private final PendingRequests pending;
    /** Renews the station certificate over this link; null on a plain-TCP link. */
    private final CertificateRenewer renewer;
    private volatile Channel channel;
    private volatile boolean welcomed;
    private volatile boolean closed;
    private ScheduledFuture<?> reconnect;
    /** Which controller to dial; only touched on the link's event loop. */
    private final ControllerAddresses controllers;

    public ControllerLink(LinkSettings settings, StationClock clock, EventLoopGroup group, LinkListener listener,
            Supplier<Heartbeat.Builder> health, Supplier<String> planVersion) {
        this.settings = settings;
        this.clock = clock;
        this.loop = group.next();
        this.listener = listener;
        this.health = health;
        this.planVersion = planVersion;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(),
                () -> ThreadLocalRandom.current().nextLong());
        this.pending = new PendingRequests(loop);
        this.controllers = new ControllerAddresses(settings.controllers());
        this.renewer = settings.tlsIdentity() == null ? null
                : new CertificateRenewer(settings.tlsIdentity(), settings.stationId(), java.time.Clock.systemUTC());
    }

    public void start() {
        onLoop(this::connect);
    }

    public boolean isUp() {
        Channel ch = channel;
        return welcomed && ch != null && ch.isActive();
    }

    /** Sends when the link is up; returns false (and sends nothing) when it is not. */
    public boolean send(Envelope envelope) {
        Channel ch = channel;
        if (!welcomed || ch == null || !ch.isActive()) {
            return false;
        }
        ch.writeAndFlush(envelope, ch.voidPromise());
        return true;
    }

    /**
     * Sends a request (its {@code request_id} set) and waits for its answer at most {@code timeout} (for an
     * answer in parts, between two parts); without one, {@code onTimeout} runs on the event loop: hand any
     * work to your own thread. Nothing is sent, and false returned, when the link is down.
     */
    public boolean request(Envelope request, Duration timeout, Runnable onTimeout) {
        if (request.getRequestId() == 0) {
            throw new IllegalArgumentException("a request needs a request_id to be answered");
        }
        pending.add(request.getRequestId(), timeout, onTimeout);
        if (!send(request)) {
            pending.answered(request.getRequestId(), true);
            return false;
        }
        return true;
    }

    /** Sends and waits until the bytes are handed to the socket (used off the event loop for bulk data). */
    public ChannelFuture sendAndFlush(Envelope envelope) {
        Channel ch = channel;
        if (ch == null) {
            return null;
        }
        return ch.writeAndFlush(envelope);
    }

    public long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    private void connect() {
        if (closed) {
            return;
        }
        if (settings.tlsIdentity() == null) {
            dial(null);
            return;
        }
        // the identity is read at each dial (a renewed certificate is used from the next connection on),
        // and reading a file is blocking work: off the event loop
        Thread.ofVirtual().name("link-tls-" + settings.stationId()).start(() -> {
            SslContext ssl;
            try {
                ssl = StationIdentity.load(settings.tlsIdentity()).clientContext();
            } catch (IOException e) {
                log.error("station {}: cannot open the station certificate: {}; retrying", settings.stationId(),
                        e.getMessage());
                onLoop(this::scheduleReconnect);
                return;
            }
            onLoop(() -> dial(ssl));
        });
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("station {}: the link's event loop is shut down; not dialling", settings.stationId());
        }
    }

    private void dial(SslContext ssl) {
        if (closed) {
            return;
        }
        ControllerAddress target = controllers.current();
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.attr(ProtocolErrorHandler.PEER).set("controller " + target);
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        LoaCodec.addTo(ch.pipeline(), MAX_INBOUND_FRAME_BYTES);
                        ch.pipeline().addLast("idle", new IdleStateHandler(LinkHandler.READER_IDLE_SECONDS, 0, 0,
                                TimeUnit.SECONDS));
                        ch.pipeline().addLast("link", handler());
                        ch.pipeline().addLast(ProtocolErrorHandler.NAME, new ProtocolErrorHandler());
                    }
                });
        b.connect(target.host(), target.port()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ControllerAddress next = controllers.failed();
                log.info("station {}: controller {} unreachable ({}); next: {}", settings.stationId(), target,
                        f.cause().getMessage(), next);
                scheduleReconnect();
                return;
            }
            channel = f.channel();
            f.channel().closeFuture().addListener(c -> onClosed(f.channel()));
        });
    }

    /** A fresh handler for one connection. */
    LinkHandler handler() {
        return new LinkHandler(settings, vn.loa.agent.link.AgentVersion.running(AGENT_VERSION), clock, listener, health, planVersion, this::nextRequestId,
                backoff, pending, renewer, ch -> welcomed = true);
    }

    private void onClosed(Channel closed) {
        boolean wasUp = welcomed;
        welcomed = false;
        channel = null;
        if (wasUp) {
            log.warn("station {}: link to the controller lost", settings.stationId());
            listener.disconnected();
        }
        vn.loa.protocol.v1.Reject refusal = closed.attr(LinkHandler.REFUSAL).get();
        if (refusal != null) {
            controllers.refusedBy(refusal.getLeaderAddress());
        } else if (!wasUp || controllers.all().size() > 1) {
            // a dial that never got a Welcome, or a lost link with another node to try (the leader may have died)
            controllers.failed();
        }
        scheduleReconnect();
    }

    /** The controller the next dial goes to (for tests and logs). */
    ControllerAddress nextController() {
        return controllers.current();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        reconnect = loop.schedule(this::connect, backoff.nextDelayMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
    }
}
