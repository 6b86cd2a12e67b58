package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.Tokens;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.codec.ProtocolErrorHandler;
import vn.loa.protocol.codec.ProtocolViolationException;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.Welcome;

/**
 * The guard at the door: the first frame must be a Hello within the timeout, with a protocol
 * version we share and valid station credentials. Then it answers Welcome, registers the session,
 * sends the current plan if the station lacks it, and has the initializer put the session handlers in
 * its place.
 */
final class HelloHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HelloHandler.class);

    private final GatewayContext context;
    /** Mutual TLS: the station is the one its verified certificate names; null: plain TCP, station secret. */
    private final StationTls tls;
    /** The initializer's: installs the session handlers in place of this one. */
    private final Consumer<ChannelPipeline> welcomed;
    private ScheduledFuture<?> timeout;
    private boolean helloSeen;
    private long helloRequestId;

    HelloHandler(GatewayContext context, StationTls tls, Consumer<ChannelPipeline> welcomed) {
        this.context = context;
        this.tls = tls;
        this.welcomed = welcomed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> {
            if (!helloSeen) {
                ctx.fireExceptionCaught(new ProtocolViolationException(Reject.Code.HELLO_TIMEOUT,
                        "no hello within " + context.config().helloTimeout().toSeconds() + " s"));
            }
        }, context.config().helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (helloSeen) {
            throw new ProtocolViolationException(Reject.Code.PROTOCOL_VIOLATION, "message before welcome");
        }
        if (!(msg instanceof Envelope env) || env.getKindCase() != Envelope.KindCase.HELLO) {
            String kind = msg instanceof Envelope e ? e.getKindCase().name() : String.valueOf(msg);
            throw new ProtocolViolationException(Reject.Code.PROTOCOL_VIOLATION, "expected HELLO first, got " + kind);
        }
        helloSeen = true;
        helloRequestId = env.getRequestId();
        Hello hello = env.getHello();
        Optional<String> leader = context.admission().standbyFor();
        if (leader.isPresent()) {
            throw new ProtocolViolationException(Reject.newBuilder().setCode(Reject.Code.NOT_LEADER)
                    .setMessage("this controller is a standby; the leader's agent port is "
                            + (leader.get().isEmpty() ? "not known yet" : leader.get()))
                    .setLeaderAddress(leader.get()).build());
        }
        OptionalInt version = ProtocolVersion.negotiate(hello.getMinProtocolVersion(), hello.getProtocolVersion());
        if (version.isEmpty()) {
            Reject reject = Reject.newBuilder().setCode(Reject.Code.INCOMPATIBLE_VERSION)
                    .setMessage("agent speaks protocol " + hello.getMinProtocolVersion() + ".."
                            + hello.getProtocolVersion() + "; this controller speaks " + ProtocolVersion.MINIMUM + ".."
                            + ProtocolVersion.CURRENT)
                    .setMinProtocolVersion(ProtocolVersion.MINIMUM).setMaxProtocolVersion(ProtocolVersion.CURRENT).build();
            throw new ProtocolViolationException(reject);
        }
        long stationId = verifiedStationId(ctx, hello);
        ctx.channel().config().setAutoRead(false);
        ExecutorService blocking = context.blocking();
        blocking.execute(() -> {
            Optional<String> name = tls != null ? authenticateCertificate(ctx, stationId)
                    : authenticate(stationId, hello.getSecret());
            ctx.executor().execute(() -> accepted(ctx, hello, version.getAsInt(), name, stationId));
        });
    }

    /** Plain TCP: the id the hello names. Mutual TLS: the certificate's, which the hello may not contradict. */
    private long verifiedStationId(ChannelHandlerContext ctx, Hello hello) {
        if (tls == null) {
            return hello.getStationId();
        }
        long certified;
        try {
            certified = tls.ca().stationIdOf(StationTls.peerCertificate(ctx.channel()));
        } catch (javax.net.ssl.SSLPeerUnverifiedException | IllegalArgumentException e) {
            throw new ProtocolViolationException(Reject.Code.UNAUTHENTICATED, e.getMessage());
        }
        if (hello.getStationId() != 0 && hello.getStationId() != certified) {
            throw new ProtocolViolationException(Reject.Code.UNAUTHENTICATED, "the hello names station "
                    + hello.getStationId() + " but the client certificate is station " + certified + "'s");
        }
        return certified;
    }

    /** Blocking: the certificate must be one the CA recorded for this station and not revoked. */
    private Optional<String> authenticateCertificate(ChannelHandlerContext ctx, long stationId) {
        try {
            Optional<String> refusal = tls.ca().refusal(stationId, StationTls.peerCertificate(ctx.channel()));
            if (refusal.isPresent()) {
                log.warn("station {}: refused at the hello: {}", stationId, refusal.get());
                return Optional.empty();
            }
            return context.stations().name(stationId);
        } catch (javax.net.ssl.SSLPeerUnverifiedException | RuntimeException e) {
            log.error("station {}: certificate check failed: {}", stationId, e.toString());
            return Optional.empty();
        }
    }

    private Optional<String> authenticate(long stationId, String secret) {
        try {
            StationRepository stations = context.stations();
            Optional<String> hash = stations.secretHash(stationId);
            if (hash.isEmpty() || secret.isEmpty() || !Tokens.sameDigest(hash.get(), Tokens.sha256Hex(secret))) {
                return Optional.empty();
            }
            return stations.name(stationId);
        } catch (RuntimeException e) {
            log.error("station {}: authentication failed on a storage error: {}", stationId, e.getMessage());
            return Optional.empty();
        }
    }

    private void accepted(ChannelHandlerContext ctx, Hello hello, int version, Optional<String> name, long stationId) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        if (name.isEmpty()) {
            ctx.fireExceptionCaught(new ProtocolViolationException(Reject.Code.UNAUTHENTICATED, tls != null
                    ? "station " + stationId + ": certificate not accepted (unknown or revoked)"
                    : "station " + stationId + ": unknown station or wrong secret"));
            return;
        }
        Clock clock = context.clock();
        StationSession session = new StationSession(stationId, name.get(), ctx.channel(), clock.instant(),
                hello.getPlanVersion());
        session.agent(hello.getCapabilitiesList(), hello.getStartLeadMs());
        ctx.channel().attr(StationSession.KEY).set(session);
        ctx.channel().attr(ProtocolErrorHandler.PEER).set("station " + stationId);
        List<String> shared = hello.getCapabilitiesList().stream().filter(ProtocolVersion.CAPABILITIES::contains).toList();
        ctx.writeAndFlush(Envelope.newBuilder().setRefersTo(helloRequestId).setWelcome(Welcome.newBuilder()
                .setProtocolVersion(version).addAllCapabilities(shared).setStationName(name.get())
                .setServerTimeMs(clock.millis())
                .setHeartbeatIntervalMs((int) context.config().heartbeatInterval().toMillis())
                .setMaxFrameBytes(context.config().maxFrameBytes())).build());
        context.registry().register(session);
        log.info("station {} online from {} (agent {}, protocol v{})", stationId, ctx.channel().remoteAddress(),
                hello.getAgentVersion(), version);
        context.registry().deliver(stationId, context.plans().planOf(stationId));
        welcomed.accept(ctx.pipeline());
    }
}
