package vn.loa.controller.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class TransportTest {

    @Test
    void autoPicksNativeEpollOnLinux() {
        // CI and the deployment target are Linux (x86-64 or a Pi's aarch64): the native library ships for both
        assertThat(Transport.select("auto").name()).isEqualTo("epoll");
        assertThat(Transport.select("auto").serverChannel()).isEqualTo(EpollServerSocketChannel.class);
        assertThat(Transport.select("EPOLL").name()).isEqualTo("epoll");
    }

    @Test
    void nioCanBeForced() {
        assertThat(Transport.select("nio").name()).isEqualTo("nio");
    }

    @Test
    void anUnknownChoiceIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Transport.select("kqueue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dloa.transport=kqueue").hasMessageContaining("auto, epoll or nio");
    }

    /** property, cores → event loops (0 = refused). */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"null, 2, 2", "'', 4, 4", "'  ', 1, 1", "null, 0, 1", "3, 2, 3", " 8 , 2, 8",
            "1024, 2, 1024", "0, 2, 0", "-1, 2, 0", "1025, 2, 0", "two, 2, 0", "2.5, 2, 0"})
    void theEventLoopsAreOnePerCoreUnlessTheirNumberIsGiven(String property, int cores, int loops) {
        if (loops == 0) {
            assertThatThrownBy(() -> Transport.eventLoops(property, cores)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dloa.eventLoops=" + property).hasMessageContaining("from 1 to 1024");
        } else {
            assertThat(Transport.eventLoops(property, cores)).isEqualTo(loops);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void bothTransportsCarryBytesOverLoopback(String choice) throws Exception {
        Transport t = Transport.select(choice);
        EventLoopGroup group = t.newGroup(1);
        try {
            Channel server = new ServerBootstrap().group(group).channel(t.serverChannel())
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg); // echo
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Channel client = new Bootstrap().group(group).channel(t.clientChannel())
                    .handler(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                            echoed.complete(msg.toString(StandardCharsets.UTF_8));
                        }
                    }).connect((InetSocketAddress) server.localAddress()).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer("xin chào", StandardCharsets.UTF_8));
            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("xin chào");
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
