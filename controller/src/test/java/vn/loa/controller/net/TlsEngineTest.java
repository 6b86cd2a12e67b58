package vn.loa.controller.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

class TlsEngineTest {
    @Test
    void openSslLoadsOnThisLinuxAndIsTheDefault() {
        // the controller ships BoringSSL for x86-64 and aarch64 Linux: where it runs, auto picks it
        assertThat(OpenSsl.isAvailable()).as("OpenSSL unavailable: %s", OpenSsl.unavailabilityCause()).isTrue();
        assertThat(TlsEngine.select("auto").provider()).isEqualTo(SslProvider.OPENSSL_REFCNT);
        assertThat(TlsEngine.select("").name()).isEqualTo("openssl");
        assertThat(TlsEngine.select("OpenSSL").describe()).startsWith("openssl (");
    }

    @Test
    void theJdkIsTheFallbackAndCanBeForced() {
        assertThat(TlsEngine.select("jdk").provider()).isEqualTo(SslProvider.JDK);
        assertThat(TlsEngine.select(" JDK ").name()).isEqualTo("jdk");
    }

    @Test
    void anUnknownChoiceFailsWithTheChoicesNamed() {
        assertThatThrownBy(() -> TlsEngine.select("gnutls")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, openssl or jdk");
    }
}
