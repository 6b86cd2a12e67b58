package vn.loa.agent.link;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.pki.CertificateRenewer;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.TimeRequest;
import vn.loa.protocol.v1.Welcome;

/**
 * One connection's conversation with the controller, on its event loop: the Hello, then after the
 * Welcome the clock exchanges and heartbeats; every message received goes to the {@link LinkListener}
 * (answers first close their pending request); a Reject, or nothing received for
 * {@link #READER_IDLE_SECONDS} (a link that died without a FIN), closes the connection.
 */
final class LinkHandler extends SimpleChannelInboundHandler<Envelope> {
    private static final Logger log = LoggerFactory.getLogger(LinkHandler.class);
    /** The controller answers a time request every 5 s: this long without anything means the link is dead. */
    static final int READER_IDLE_SECONDS = 45;
    /** Set on the channel when a standby controller refused it: the link dials the leader it named. */
    static final io.netty.util.AttributeKey<Reject> REFUSAL = io.netty.util.AttributeKey.valueOf("loa.refusal");
    static final int CLOCK_BURST = 6;
    static final long CLOCK_BURST_SPACING_MS = 150;
    static final long CLOCK_INTERVAL_MS = 5_000;
    static final long DEFAULT_HEARTBEAT_MS = 10_000;

    /** What the handler tells the link that owns it. */
    interface Owner {
        /** The controller welcomed this connection: the link is up. */
        void welcomed(Channel channel);
    }

    private final LinkSettings settings;
    private final String agentVersion;
    private final StationClock clock;
    private final LinkListener listener;
    private final Supplier<Heartbeat.Builder> health;
    private final Supplier<String> planVersion;
    private final LongSupplier requestIds;
    private final Backoff backoff;
    private final PendingRequests pending;
    private final CertificateRenewer renewer;
    private final Owner owner;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> clockTask;

    /** @param renewer renews the station certificate over this link; null on a plain-TCP link */
    LinkHandler(LinkSettings settings, String agentVersion, StationClock clock, LinkListener listener,
            Supplier<Heartbeat.Builder> health, Supplier<String> planVersion, LongSupplier requestIds, Backoff backoff,
            PendingRequests pending, CertificateRenewer renewer, Owner owner) {
        this.settings = settings;
        this.agentVersion = agentVersion;
        this.clock = clock;
        this.listener = listener;
        this.health = health;
        this.planVersion = planVersion;
        this.requestIds = requestIds;
        this.backoff = backoff;
        this.pending = pending;
        this.renewer = renewer;
        this.owner = owner;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // over mutual TLS the certificate is the credential: the secret is never sent
        String secret = settings.tlsIdentity() != null || settings.secret() == null ? "" : settings.secret();
        Hello hello = Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)
                .setMinProtocolVersion(ProtocolVersion.MINIMUM).addAllCapabilities(ProtocolVersion.CAPABILITIES)
                .setStationId(settings.stationId()).setSecret(secret).setAgentVersion(agentVersion)
                .setPlanVersion(planVersion.get()).setStartLeadMs(settings.startLeadMs()).build();
        ctx.writeAndFlush(Envelope.newBuilder().setRequestId(requestIds.getAsLong()).setHello(hello).build());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
        if (msg.getRefersTo() != 0) {
            boolean more = msg.hasFileChunk() && !msg.getFileChunk().getLast();
            pending.answered(msg.getRefersTo(), !more);
        }
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
            case RELEASE_KEY -> listener.releaseKey(msg.getReleaseKey());
            case UPDATE_OFFER -> listener.updateOffer(msg.getUpdateOffer());
            case CONFIG_PUSH -> listener.configPush(msg.getConfigPush());
            case CERTIFICATE_RENEWAL -> {
                if (renewer != null) {
                    renewer.renewed(msg);
                }
            }
            default -> log.warn("station {}: ignoring unexpected {} from the controller", settings.stationId(),
                    msg.getKindCase());
        }
    }

    private void welcome(ChannelHandlerContext ctx, Welcome welcome) {
        backoff.reset();
        owner.welcomed(ctx.channel());
        log.info("station {}: connected to the controller (protocol v{}) as '{}'", settings.stationId(),
                welcome.getProtocolVersion(), welcome.getStationName());
        Channel ch = ctx.channel();
        for (int i = 0; i < CLOCK_BURST; i++) {
            ctx.executor().schedule(() -> sendTimeRequest(ch), i * CLOCK_BURST_SPACING_MS, TimeUnit.MILLISECONDS);
        }
        clockTask = ctx.executor().scheduleAtFixedRate(() -> sendTimeRequest(ch), CLOCK_INTERVAL_MS, CLOCK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        long hb = welcome.getHeartbeatIntervalMs() > 0 ? welcome.getHeartbeatIntervalMs() : DEFAULT_HEARTBEAT_MS;
        heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
            if (ch.isActive()) {
                ch.writeAndFlush(Envelope.newBuilder().setHeartbeat(health.get()).build(), ch.voidPromise());
            }
        }, 0, hb, TimeUnit.MILLISECONDS);
        listener.connected(welcome);
        if (renewer != null) {
            renewer.linkUp(ch, requestIds);
        }
    }

    private void sendTimeRequest(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Envelope.newBuilder()
                    .setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(clock.localMicros())).build(),
                    ch.voidPromise());
        }
    }

    private void reject(ChannelHandlerContext ctx, Reject reject) {
        if (reject.getCode() == Reject.Code.NOT_LEADER) {
            // a standby answered: the cluster is alive; the link dials the leader it named (or its next one) at once
            log.info("station {}: this controller is a standby; leader: {}", settings.stationId(),
                    reject.getLeaderAddress().isEmpty() ? "not known yet" : reject.getLeaderAddress());
            ctx.channel().attr(REFUSAL).set(reject);
            backoff.reset();
            ctx.close();
            return;
        }
        if (reject.getCode() == Reject.Code.SHUTTING_DOWN || reject.getCode() == Reject.Code.REPLACED) {
            log.warn("station {}: the controller closed the link: {} — {}", settings.stationId(), reject.getCode(),
                    reject.getMessage());
        } else {
            log.error("station {}: the controller refused the connection: {} — {}", settings.stationId(),
                    reject.getCode(), reject.getMessage());
        }
        if (reject.getCode() == Reject.Code.UNAUTHENTICATED || reject.getCode() == Reject.Code.INCOMPATIBLE_VERSION) {
            backoff.toMaximum();
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE) {
            log.warn("station {}: nothing from the controller for {} s; closing the link", settings.stationId(),
                    READER_IDLE_SECONDS);
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
        pending.clear();
        ctx.fireChannelInactive();
    }
}
