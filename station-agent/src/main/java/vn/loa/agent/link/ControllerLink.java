package vn.loa.agent.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.pki.CertificateRenewer;
import vn.loa.agent.pki.StationIdentity;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.codec.ProtocolErrorHandler;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.TimeRequest;
import vn.loa.protocol.v1.Welcome;

/**
 * The agent's one connection to the controller: dials out, says hello, keeps the clock in sync and
 * the heartbeat going, and redials with exponential backoff (jittered uniformly in [b/2, b]) when the link is lost
 * (a reader-idle timeout catches links that die without a FIN). All of it runs on one event loop.
 */
public final class ControllerLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerLink.class);
    public static final String AGENT_VERSION = "0.1.0";
    private static final int CLOCK_BURST = 6;
    private static final long CLOCK_BURST_SPACING_MS = 150;
    private static final long CLOCK_INTERVAL_MS = 5_000;
    /** Plans of thousands of items come in one frame; the cap still bounds memory. */
    static final int MAX_INBOUND_FRAME_BYTES = 16 << 20;

    private final AgentConfig config;
    private final StationClock clock;
    private final EventLoopGroup group;
    private final LinkListener listener;
    private final Supplier<Heartbeat.Builder> health;
    private final Supplier<String> planVersion;
    private final AtomicLong requestIds = new AtomicLong();
    private volatile Channel channel;
    private volatile boolean welcomed;
    private volatile boolean closed;
    private long backoffMs;
    private ScheduledFuture<?> reconnect;
    /** Renews the station certificate over this link; null on a plain-TCP link. */
    private final CertificateRenewer renewer;

    public ControllerLink(AgentConfig config, StationClock clock, EventLoopGroup group, LinkListener listener,
            Supplier<Heartbeat.Builder> health, Supplier<String> planVersion) {
        this.config = config;
        this.clock = clock;
        this.group = group;
        this.listener = listener;
        this.health = health;
        this.planVersion = planVersion;
        this.backoffMs = config.reconnectMin().toMillis();
        this.renewer = config.tlsIdentity() == null ? null
                : new CertificateRenewer(config.tlsIdentity(), config.stationId(), java.time.Clock.systemUTC());
    }

    public void start() {
        group.next().execute(this::connect);
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
        if (config.tlsIdentity() == null) {
            dial(null);
            return;
        }
        // the identity is read at each dial (a renewed certificate is used from the next connection on),
        // and reading a file is blocking work: off the event loop
        Thread.ofVirtual().name("link-tls-" + config.stationId()).start(() -> {
            io.netty.handler.ssl.SslContext ssl;
            try {
                ssl = StationIdentity.load(config.tlsIdentity()).clientContext();
            } catch (java.io.IOException e) {
                log.error("station {}: cannot open the station certificate: {}; retrying", config.stationId(),
                        e.getMessage());
                onLoop(this::scheduleReconnect);
                return;
            }
            onLoop(() -> dial(ssl));
        });
    }

    private void onLoop(Runnable task) {
        try {
            group.next().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("station {}: the link's event loop is shut down; not dialling", config.stationId());
        }
    }

    private void dial(io.netty.handler.ssl.SslContext ssl) {
        if (closed) {
            return;
        }
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.attr(ProtocolErrorHandler.PEER).set("controller " + config.controllerHost() + ":"
                                + config.controllerPort());
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), config.controllerHost(),
                                    config.controllerPort()));
                        }
                        LoaCodec.addTo(ch.pipeline(), MAX_INBOUND_FRAME_BYTES);
                        ch.pipeline().addLast("idle", new IdleStateHandler(45, 0, 0, TimeUnit.SECONDS));
                        ch.pipeline().addLast("link", new LinkHandler());
                        ch.pipeline().addLast(ProtocolErrorHandler.NAME, new ProtocolErrorHandler());
                    }
                });
        b.connect(config.controllerHost(), config.controllerPort()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.info("station {}: controller {}:{} unreachable ({}); retrying", config.stationId(),
                        config.controllerHost(), config.controllerPort(), f.cause().getMessage());
                scheduleReconnect();
                return;
            }
            channel = f.channel();
            f.channel().closeFuture().addListener(c -> onClosed());
        });
    }

    private void onClosed() {
        boolean wasUp = welcomed;
        welcomed = false;
        channel = null;
        if (wasUp) {
            log.warn("station {}: link to the controller lost", config.stationId());
            listener.disconnected();
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = ThreadLocalRandom.current().nextLong(backoffMs / 2, backoffMs + 1);
        backoffMs = Math.min(backoffMs * 2, config.reconnectMax().toMillis());
        reconnect = group.next().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Over mutual TLS the certificate is the credential: the secret is never sent. */
    private String helloSecret() {
        return config.tlsIdentity() != null || config.secret() == null ? "" : config.secret();
    }

    private void sendTimeRequest(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Envelope.newBuilder()
                    .setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(clock.localMicros())).build(),
                    ch.voidPromise());
        }
    }

    private final class LinkHandler extends SimpleChannelInboundHandler<Envelope> {
        private ScheduledFuture<?> heartbeat;
        private ScheduledFuture<?> clockTask;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Hello hello = Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)
                    .setMinProtocolVersion(ProtocolVersion.MINIMUM).addAllCapabilities(ProtocolVersion.CAPABILITIES)
                    .setStationId(config.stationId()).setSecret(helloSecret()).setAgentVersion(AGENT_VERSION)
                    .setPlanVersion(planVersion.get())
                    .setStartLeadMs((int) (config.warmUp().toMillis() + config.zoneSettle().toMillis())).build();
            ctx.writeAndFlush(Envelope.newBuilder().setRequestId(nextRequestId()).setHello(hello).build());
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
            switch (msg.getKindCase()) {
                case WELCOME -> welcome(ctx, msg.getWelcome());
                case REJECT -> reject(ctx, msg.getReject());
                case TIME_RESPONSE -> {
                    long t3 = clock.localMicros();
                    var r = msg.getTimeResponse();
                    listener.clockSample(r.getAgentSentUs(), r.getControllerReceivedUs(), r.getControllerSentUs(), t3);
                }
                case PLAN_SYNC -> listener.planReceived(msg.getPlanSync(), msg.getRequestId());
                case FILE_CHUNK -> listener.fileChunk(msg.getFileChunk());
                case FILE_ERROR -> listener.fileError(msg.getFileError());
                case PLAY_REPORT_ACK -> listener.reportsAcknowledged(msg.getPlayReportAck());
                case BROADCAST_START, BROADCAST_AUDIO, BROADCAST_END, BROADCAST_STOP -> listener.broadcast(msg);
                case COMMAND -> listener.command(msg.getCommand());
                case HEALTH_HISTORY_ACK -> listener.healthHistoryAcknowledged(msg.getHealthHistoryAck(), msg.getRefersTo());
                case CERTIFICATE_RENEWAL -> {
                    if (renewer != null) {
                        renewer.renewed(msg);
                    }
                }
                default -> log.warn("station {}: ignoring unexpected {} from the controller", config.stationId(),
                        msg.getKindCase());
            }
        }

        private void welcome(ChannelHandlerContext ctx, Welcome welcome) {
            welcomed = true;
            backoffMs = config.reconnectMin().toMillis();
            log.info("station {}: connected to the controller (protocol v{}) as '{}'", config.stationId(),
                    welcome.getProtocolVersion(), welcome.getStationName());
            Channel ch = ctx.channel();
            for (int i = 0; i < CLOCK_BURST; i++) {
                ctx.executor().schedule(() -> sendTimeRequest(ch), i * CLOCK_BURST_SPACING_MS, TimeUnit.MILLISECONDS);
            }
            clockTask = ctx.executor().scheduleAtFixedRate(() -> sendTimeRequest(ch), CLOCK_INTERVAL_MS,
                    CLOCK_INTERVAL_MS, TimeUnit.MILLISECONDS);
            long hb = welcome.getHeartbeatIntervalMs() > 0 ? welcome.getHeartbeatIntervalMs() : 10_000;
            heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
                if (ch.isActive()) {
                    ch.writeAndFlush(Envelope.newBuilder().setHeartbeat(health.get()).build(), ch.voidPromise());
                }
            }, 0, hb, TimeUnit.MILLISECONDS);
            listener.connected(welcome);
            if (renewer != null) {
                renewer.linkUp(ch, ControllerLink.this::nextRequestId);
            }
        }

        private void reject(ChannelHandlerContext ctx, Reject reject) {
            if (reject.getCode() == Reject.Code.SHUTTING_DOWN || reject.getCode() == Reject.Code.REPLACED) {
                log.warn("station {}: the controller closed the link: {} — {}", config.stationId(), reject.getCode(),
                        reject.getMessage());
            } else {
                log.error("station {}: the controller refused the connection: {} — {}", config.stationId(),
                        reject.getCode(), reject.getMessage());
            }
            if (reject.getCode() == Reject.Code.UNAUTHENTICATED || reject.getCode() == Reject.Code.INCOMPATIBLE_VERSION) {
                backoffMs = config.reconnectMax().toMillis();
            }
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE) {
                log.warn("station {}: nothing from the controller for 45 s; closing the link", config.stationId());
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            if (clockTask != null) {
                clockTask.cancel(false);
            }
            ctx.fireChannelInactive();
        }
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

    static ChannelFutureListener logFailure(String what) {
        return f -> {
            if (!f.isSuccess()) {
                log.warn("{} failed: {}", what, f.cause().toString());
            }
        };
    }
}
