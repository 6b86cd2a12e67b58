package vn.loa.controller.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client behind a peer: X-Forwarded-For believed from trusted proxies only, the rightmost untrusted hop. */
class TrustedProxiesTest {
    static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.5", "192.168.1.0/24", "fd00::/8"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an untrusted peer's header is ignored", "203.0.113.9", List.of("198.51.100.1"), "203.0.113.9"),
                Arguments.of("a trusted peer without a header is the client", "10.0.0.5", List.of(), "10.0.0.5"),
                Arguments.of("a trusted peer names the client", "10.0.0.5", List.of("198.51.100.1"), "198.51.100.1"),
                Arguments.of("the rightmost untrusted hop, not the leftmost (which the client wrote)", "10.0.0.5",
                        List.of("1.1.1.1, 198.51.100.1"), "198.51.100.1"),
                Arguments.of("trusted hops are skipped", "10.0.0.5", List.of("198.51.100.1, 192.168.1.7"), "198.51.100.1"),
                Arguments.of("several headers are one list", "10.0.0.5", List.of("1.1.1.1", "198.51.100.2"), "198.51.100.2"),
                Arguments.of("a malformed hop ends the walk at the last trusted one", "10.0.0.5",
                        List.of("198.51.100.1, evil.example"), "10.0.0.5"),
                Arguments.of("a malformed hop left of a good one is never reached", "10.0.0.5",
                        List.of("evil.example, 198.51.100.1"), "198.51.100.1"),
                Arguments.of("every hop trusted: the leftmost", "10.0.0.5", List.of("192.168.1.2, 192.168.1.3"), "192.168.1.2"),
                Arguments.of("a port is dropped", "10.0.0.5", List.of("198.51.100.1:5123"), "198.51.100.1"),
                Arguments.of("IPv6 in brackets with a port", "fd00::1", List.of("[2001:db8::7]:443"), "2001:db8::7"),
                Arguments.of("IPv6 range trusted", "fd12::3", List.of("2001:db8::9"), "2001:db8::9"),
                Arguments.of("loopback is not trusted unless listed", "127.0.0.1", List.of("198.51.100.1"), "127.0.0.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theClientIsTheRightmostUntrustedHop(String why, String peer, List<String> header, String client) throws Exception {
        assertThat(PROXIES.client(InetAddress.getByName(peer), header)).as(why).isEqualTo(InetAddress.getByName(client));
    }

    @Test
    void everyBadEntryIsNamedAtOnceAndNamesAreRefused() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33", "proxy.example", "10.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33")
                .hasMessageContaining("proxy.example").hasMessageStartingWith("--trusted-proxy:");
    }

    @Test
    void noneTrustsNothing() throws Exception {
        assertThat(TrustedProxies.none().trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.of(List.of()).client(InetAddress.getByName("10.0.0.5"), List.of("1.2.3.4")))
                .isEqualTo(InetAddress.getByName("10.0.0.5"));
    }
}
