package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32FrameDecoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import com.google.protobuf.ByteString;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.protocol.v1.BroadcastAudio;
import vn.loa.protocol.v1.BroadcastEnd;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.TimeResponse;
import vn.loa.protocol.v1.Welcome;

/**
 * The load client over real TCP on loopback against a scripted controller that welcomes a station,
 * answers its clock requests, starts an announcement and sends packets 0, 1 and 3 but never its end:
 * the tally still counts the station's packets (as still receiving), the gap, and their latencies. An
 * untimed station ({@link TimedSample}) counts the same packets without timing them, and reads the end,
 * a few bytes below its batch, once the link has gone quiet.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadClientTallyTest {
    private static long nowUs() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    private static final class ScriptedController extends SimpleChannelInboundHandler<Envelope> {
        /** The end of the announcement this long after its packets; never when negative. */
        private final long endAfterMs;

        ScriptedController(long endAfterMs) {
            this.endAfterMs = endAfterMs;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope env) {
            switch (env.getKindCase()) {
                case HELLO -> {
                    ctx.write(Envelope.newBuilder().setWelcome(Welcome.newBuilder().setServerTimeMs(System.currentTimeMillis()))
                            .build());
                    ctx.write(Envelope.newBuilder().setBroadcastStart(BroadcastStart.newBuilder().setBroadcastId(9)
                            .setStartAtMs(System.currentTimeMillis() + 200).setLive(true).setSampleRate(24_000)
                            .setChannels(1).setFrameSamples(480)).build());
                    for (int seq : new int[] {0, 1, 3}) {
                        ctx.write(Envelope.newBuilder().setBroadcastAudio(BroadcastAudio.newBuilder().setBroadcastId(9)
                                .setSeq(seq).setPacket(ByteString.copyFrom(new byte[40]))).build());
                    }
                    ctx.flush();
                    if (endAfterMs >= 0) {
                        ctx.executor().schedule(() -> ctx.writeAndFlush(Envelope.newBuilder().setBroadcastEnd(
                                BroadcastEnd.newBuilder().setBroadcastId(9).setTotalPackets(4)).build()),
                                endAfterMs, TimeUnit.MILLISECONDS);
                    }
                }
                case TIME_REQUEST -> {
                    long t1 = nowUs();
                    ctx.writeAndFlush(Envelope.newBuilder().setTimeResponse(TimeResponse.newBuilder()
                            .setAgentSentUs(env.getTimeRequest().getAgentSentUs()).setControllerReceivedUs(t1)
                            .setControllerSentUs(nowUs())).build());
                }
                default -> {
                    // statuses and heartbeats: nothing to answer
                }
            }
        }
    }

    private static Channel scripted(EventLoopGroup group, long endAfterMs) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ProtobufVarint32FrameDecoder(),
                                new ProtobufDecoder(Envelope.getDefaultInstance()),
                                new ProtobufVarint32LengthFieldPrepender(), new ProtobufEncoder(),
                                new ScriptedController(endAfterMs));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    @Test
    void anUntimedStationCountsItsPacketsAndReadsTheEndOnceTheLinkIsQuiet() throws Exception {
        TimedSample sample = new TimedSample(1_000_000);
        assertThat(sample.timed(1)).isFalse();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (LoadClient client = new LoadClient(1, new BenchClock(), sample)) {
            Channel server = scripted(group, 300);
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            client.connect("127.0.0.1", port, List.of(new StationCredential(1, "s")), 1, 20_000);
            LoadRecorder rec = client.recorder();
            await().atMost(Duration.ofSeconds(20)).until(() -> rec.records(9).size() == 1);

            BroadcastRecord r = rec.records(9).getFirst();
            assertThat(r.timed()).isFalse();
            assertThat(r.received()).isEqualTo(3);
            assertThat(r.missing()).isEqualTo(1); // seq 2 skipped
            assertThat(r.late()).isZero();
            assertThat(r.totalPackets()).isEqualTo(4);
            // the end (a few bytes) waited below SO_RCVLOWAT until the link had been quiet for IDLE_MS
            assertThat(r.endArrivedUs() - r.startArrivedUs()).isGreaterThanOrEqualTo((SimStation.IDLE_MS - 1_000) * 1000);
            long t = System.currentTimeMillis() * 1000;
            FanoutTally tally = FanoutTally.of(rec, 9, new FeedLog(new long[] {t, t, t, t}));
            assertThat(tally.finished()).isEqualTo(1);
            assertThat(tally.received()).isEqualTo(3);
            assertThat(tally.histogram().count()).isZero(); // not timed
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aStationStillReceivingIsTalliedWithItsPacketsSoFar() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (LoadClient client = new LoadClient(1, new BenchClock())) {
            Channel server = scripted(group, -1);
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            long before = client.clock().nowUs();
            client.connect("127.0.0.1", port, List.of(new StationCredential(1, "s")), 1, 20_000);
            assertThat(client.recorder().welcomed()).isEqualTo(1);
            assertThat(client.transport()).isIn("epoll", "nio");
            LoadRecorder rec = client.recorder();
            await().atMost(Duration.ofSeconds(20)).until(() -> rec.packets() == 3 && rec.controllerClock().samples() > 0);

            FeedLog feed = new FeedLog(new long[] {before, before, before, before});
            FanoutTally t = FanoutTally.of(rec, 9, feed);
            assertThat(t.finished()).isZero();
            assertThat(t.unfinished()).isEqualTo(1);
            assertThat(t.received()).isEqualTo(3);
            assertThat(t.missing()).isEqualTo(1); // seq 2 skipped
            assertThat(t.histogram().count()).isEqualTo(3);
            assertThat(t.histogram().early()).isZero();
            assertThat(rec.records(9)).isEmpty();
            assertThat(FanoutTally.of(rec, 10, feed).unfinished()).isZero(); // another announcement
            // same host, same clock: the controller's clock agrees with the station's within the exchange's uncertainty
            ClockCheck c = rec.controllerClock();
            assertThat(Math.abs(c.offsetUs())).isLessThanOrEqualTo(c.uncertaintyUs() + 1_000);
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
