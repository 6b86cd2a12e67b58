package vn.loa.controller.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.codec.ProtocolErrorHandler;

/**
 * Builds the pipeline of an agent connection, and is the only one that edits it: at the connection,
 * TLS (when on), the codec, the idle guard and the hello guard; once the hello is accepted
 * ({@link #welcomed}), the hello guard gives way to one handler per message kind.
 */
public final class GatewayInitializer extends ChannelInitializer<Channel> {
    public static final String HELLO = "hello";
    public static final String IDLE = "idle";
    public static final String IDLE_CLOSER = "idleCloser";
    public static final String ACTIVITY = "activity";
    public static final String TIME_SYNC = "timeSync";
    public static final String HEARTBEAT = "heartbeat";
    public static final String PLAN_ACK = "planAck";
    public static final String FILE_REQUEST = "fileRequest";
    public static final String PLAY_REPORT = "playReport";
    public static final String BROADCAST_STATUS = "broadcastStatus";
    public static final String HEALTH = "health";
    public static final String COMMAND_RESULT = "commandResult";
    public static final String CERTIFICATE_RENEWAL = "certificateRenewal";
    public static final String HEALTH_HISTORY = "healthHistory";
    public static final String UPDATE_STATUS = "updateStatus";
    public static final String CONFIG_STATUS = "configStatus";
    public static final String UNEXPECTED = "unexpected";

    private static final Logger log = LoggerFactory.getLogger(GatewayInitializer.class);

    private final GatewayContext context;
    /** Null: plain TCP (station secrets). */
    private final StationTls tls;

    public GatewayInitializer(GatewayContext context) {
        this(context, null);
    }

    public GatewayInitializer(GatewayContext context, StationTls tls) {
        this.context = context;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            // mutual TLS 1.3 first: the station is who its verified certificate says (HelloHandler checks it)
            p.addLast(StationTls.HANDLER_NAME, tls.newHandler(ch));
        }
        LoaCodec.addTo(p, context.config().maxFrameBytes());
        p.addLast(IDLE, new IdleStateHandler(context.config().idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(IDLE_CLOSER, new IdleCloser());
        p.addLast(HELLO, new HelloHandler(context, tls, this::welcomed));
        p.addLast(ProtocolErrorHandler.NAME, new ProtocolErrorHandler());
    }

    /**
     * After a successful hello: one handler per message kind (certificate renewals only on mutual TLS), then
     * a catch-all for the rest; the hello guard goes.
     */
    void welcomed(ChannelPipeline p) {
        String before = ProtocolErrorHandler.NAME;
        p.addBefore(before, ACTIVITY, new ActivityHandler(context.clock()));
        p.addBefore(before, TIME_SYNC, new TimeSyncHandler(context.clock()));
        p.addBefore(before, HEALTH, new HealthHandler(context.monitor()));
        p.addBefore(before, HEARTBEAT, new HeartbeatHandler());
        p.addBefore(before, PLAN_ACK, new PlanAckHandler());
        p.addBefore(before, FILE_REQUEST, new FileRequestHandler(context.media(), context.blocking()));
        p.addBefore(before, PLAY_REPORT, new PlayReportHandler(context.plays(), context.blocking(),
                context.onReportStored()));
        p.addBefore(before, BROADCAST_STATUS, new BroadcastStatusHandler(context.onBroadcastStatus()));
        p.addBefore(before, COMMAND_RESULT, new CommandResultHandler(context.monitor()));
        if (tls != null) {
            p.addBefore(before, CERTIFICATE_RENEWAL, new CertificateRenewalHandler(tls.ca(), context.blocking()));
        }
        p.addBefore(before, HEALTH_HISTORY, new HealthHistoryHandler(context.healthHistory()));
        p.addBefore(before, UPDATE_STATUS, new UpdateStatusHandler(context.registry()));
        p.addBefore(before, CONFIG_STATUS, new ConfigStatusHandler(context.registry()));
        p.addBefore(before, UNEXPECTED, new UnexpectedMessageHandler());
        p.remove(HELLO);
    }

    /** Closes links that went silent (no FIN: a dead 4G modem, a pulled cable). */
    private final class IdleCloser extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE) {
                Object peer = ctx.channel().attr(ProtocolErrorHandler.PEER).get();
                log.warn("{}: silent for {} s; closing the link", peer != null ? peer : ctx.channel().remoteAddress(),
                        context.config().idleTimeout().toSeconds());
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}
