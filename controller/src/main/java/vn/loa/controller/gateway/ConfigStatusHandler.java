package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import vn.loa.protocol.v1.Envelope;

/** Hands how a pushed hardware file went on the session's station to the registry's listeners (config.v1). */
@Sharable
final class ConfigStatusHandler extends KindHandler {
    private final StationRegistry registry;

    ConfigStatusHandler(StationRegistry registry) {
        super(Envelope.KindCase.CONFIG_STATUS);
        this.registry = registry;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        registry.configStatus(session.stationId(), envelope.getConfigStatus());
    }
}
