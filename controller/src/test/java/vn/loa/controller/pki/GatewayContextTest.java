package vn.loa.controller.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.controller.net.TlsEngine;

/** The agent port's TLS context: the engine chosen, and no server-side session cache on either engine. */
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
    void openSslByDefaultWithoutASessionCache() throws Exception {
        SslContext c = context("auto");

        assertThat(c.isServer()).isTrue();
        assertThat(c.sessionContext()).isInstanceOf(OpenSslSessionContext.class);
        assertThat(((OpenSslSessionContext) c.sessionContext()).isSessionCacheEnabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk"})
    void theJdksSessionCacheHoldsOneSessionAtMost(String engine) throws Exception {
        SslContext c = context(engine);

        assertThat(c.sessionContext()).isNotInstanceOf(OpenSslSessionContext.class);
        assertThat(c.sessionContext().getSessionCacheSize()).isEqualTo(1);
    }
}
