package vn.loa.controller.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.controller.net.TlsEngine;

/** The agent port's TLS context on each engine (what the gateway and the benchmarks run). */
class GatewayContextTest {
    @TempDir
    Path dir;

    private SslContext context(String engine) throws Exception {
        String before = System.getProperty(TlsEngine.PROPERTY);
        System.setProperty(TlsEngine.PROPERTY, engine);
        try {
            CertificateAuthority ca = CertificateAuthority.openOrCreate(dir, Clock.systemUTC());
            return ServerIdentities.gatewayContext(ServerIdentities.gateway(dir, ca, Clock.systemUTC()), ca);
        } finally {
            if (before == null) {
                System.clearProperty(TlsEngine.PROPERTY);
            } else {
                System.setProperty(TlsEngine.PROPERTY, before);
            }
        }
    }

    @Test
    void openSslByDefault() throws Exception {
        SslContext c = context("auto");

        try {
            assertThat(c.isServer()).isTrue();
            // reference-counted: each connection's engine is freed when its channel closes
            assertThat(c).isInstanceOf(ReferenceCountedOpenSslContext.class);
            javax.net.ssl.SSLEngine engine = c.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
            assertThat(engine.getEnabledProtocols()).contains("TLSv1.3");
            ReferenceCountUtil.release(engine);
        } finally {
            ReferenceCountUtil.release(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "JDK"})
    void theJdksTlsWhenAskedFor(String engine) throws Exception {
        SslContext c = context(engine);

        assertThat(c).isInstanceOf(JdkSslContext.class);
        assertThat(c.isServer()).isTrue();
    }
}
