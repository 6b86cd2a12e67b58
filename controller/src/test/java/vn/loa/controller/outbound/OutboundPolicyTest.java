package vn.loa.controller.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.controller.rejection.Rejection;

class OutboundPolicyTest {
    /** A fixed resolver: no network in unit tests; "rebind.example" changes its answer between two calls. */
    static final class Table implements OutboundPolicy.HostResolver {
        int calls;

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            calls++;
            Map<String, String> names = Map.of("radio.example", "203.0.113.7", "intranet.example", "10.1.2.3",
                    "mixed.example", "203.0.113.7,192.168.1.1");
            if (host.equals("rebind.example")) {
                return new InetAddress[] {InetAddress.getByName(calls == 1 ? "203.0.113.8" : "127.0.0.1")};
            }
            String a = names.get(host);
            if (a == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            String[] parts = a.split(",");
            InetAddress[] out = new InetAddress[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = InetAddress.getByName(parts[i]);
            }
            return out;
        }
    }

    @ParameterizedTest(name = "{0} with allow [{1}] → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "http://radio.example/vov1.mp3     | -                | OK",
            "https://203.0.113.7:8000/live     | -                | OK",
            "http://127.0.0.1:8000/live        | -                | URL_NOT_ALLOWED",
            "http://localhost/live             | -                | URL_NOT_ALLOWED",
            "http://10.0.0.5/live              | -                | URL_NOT_ALLOWED",
            "http://172.16.0.1/live            | -                | URL_NOT_ALLOWED",
            "http://192.168.1.1/live           | -                | URL_NOT_ALLOWED",
            "http://169.254.169.254/latest     | -                | URL_NOT_ALLOWED",
            "http://100.64.0.1/live            | -                | URL_NOT_ALLOWED",
            "http://0.0.0.0/live               | -                | URL_NOT_ALLOWED",
            "http://[::1]/live                 | -                | URL_NOT_ALLOWED",
            "http://[fd00::1]/live             | -                | URL_NOT_ALLOWED",
            "http://[::ffff:127.0.0.1]/live    | -                | URL_NOT_ALLOWED",
            "http://intranet.example/live      | -                | URL_NOT_ALLOWED",
            "http://mixed.example/live         | -                | URL_NOT_ALLOWED",
            "http://nowhere.example/live       | -                | URL_NOT_ALLOWED",
            "ftp://radio.example/live          | -                | URL_SCHEME",
            "file:///etc/passwd                | -                | URL_SCHEME",
            "http:///live                      | -                | URL_NO_HOST",
            "http://user:pw@radio.example/x    | -                | URL_INVALID",
            "http://127.0.0.1:8000/live        | 127.0.0.1        | OK",
            "http://10.0.0.5/live              | 10.0.0.0/8       | OK",
            "http://10.0.0.5/live              | 10.0.0.0/16      | OK",
            "http://10.1.0.5/live              | 10.0.0.0/16      | URL_NOT_ALLOWED",
            "http://intranet.example/live      | intranet.example | OK",
            "http://intranet.example/live      | 10.1.2.3         | OK",
    })
    void checksSchemeHostAndAddresses(String url, String allow, String expected) {
        OutboundPolicy policy = new OutboundPolicy(allow == null ? List.of() : List.of(allow), new Table());
        if (expected.equals("OK")) {
            assertThat(policy.check("url", url)).isEqualTo(URI.create(url));
        } else {
            assertThatThrownBy(() -> policy.check("url", url)).isInstanceOfSatisfying(Rejection.class,
                    r -> assertThat(r.code().name()).isEqualTo(expected));
        }
    }

    @org.junit.jupiter.api.Test
    void aNameThatLaterResolvesInsideIsRefusedAtConnectTime() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(List.of(), new Table());
        URI url = policy.check("url", "http://rebind.example/live");
        assertThatThrownBy(() -> policy.requireAllowed(url)).isInstanceOf(OutboundRefused.class)
                .hasMessageNotContaining("refused").hasMessageContaining("rebind.example");
    }
}
