package vn.loa.controller.pki;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the controller protects its two doors (docs/security.md); defaults in one place, every error
 * reported together.
 *
 * @param agentTls            stations must connect with mutual TLS 1.3 and a certificate of this
 *                            controller's CA; false: plain TCP with the station secret (tests,
 *                            third-party receivers)
 * @param httpTls             the console and API are served over HTTPS
 * @param httpsCert           a certificate chain (PEM) to serve instead of the generated self-signed one
 * @param httpsKey            its private key (PEM)
 * @param certificateValidity how long a station certificate is valid
 * @param tokenValidity       how long an enrollment token may be used
 * @param relayAllow          hosts, addresses or CIDR ranges the controller may fetch from although they are not
 *                            public ({@code --relay-allow}; docs/security.md#outbound-requests)
 * @param trustedProxies      addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed
 *                            ({@code --trusted-proxy}; docs/security.md#client-addresses)
 */
public record SecurityConfig(boolean agentTls, boolean httpTls, Path httpsCert, Path httpsKey,
        Duration certificateValidity, Duration tokenValidity, List<String> relayAllow, List<String> trustedProxies) {

    public static final Duration DEFAULT_CERTIFICATE_VALIDITY = Duration.ofDays(365);
    public static final Duration DEFAULT_TOKEN_VALIDITY = Duration.ofHours(24);

    public SecurityConfig {
        relayAllow = relayAllow == null ? List.of() : List.copyOf(relayAllow);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        List<String> errors = new ArrayList<>();
        try {
            vn.loa.controller.net.TrustedProxies.of(trustedProxies);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        if ((httpsCert == null) != (httpsKey == null)) {
            errors.add("--https-cert and --https-key go together");
        }
        if (httpsCert != null && !httpTls) {
            errors.add("--https-cert needs --http-tls on");
        }
        if (certificateValidity == null || certificateValidity.compareTo(Duration.ofMinutes(1)) < 0) {
            errors.add("a station certificate must be valid at least one minute");
        }
        if (tokenValidity == null || tokenValidity.compareTo(Duration.ofMinutes(1)) < 0
                || tokenValidity.compareTo(Duration.ofDays(30)) > 0) {
            errors.add("an enrollment token must be valid between one minute and 30 days");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid security configuration: " + String.join("; ", errors));
        }
    }

    /** Plain TCP for agents (station secrets) and plain HTTP: what tests and experiments use. */
    public static SecurityConfig off() {
        return new SecurityConfig(false, false, null, null, DEFAULT_CERTIFICATE_VALIDITY, DEFAULT_TOKEN_VALIDITY, List.of(), List.of());
    }

    /** What {@code loa-controller serve} runs with: mutual TLS for agents, HTTPS for people. */
    public static SecurityConfig secure() {
        return new SecurityConfig(true, true, null, null, DEFAULT_CERTIFICATE_VALIDITY, DEFAULT_TOKEN_VALIDITY, List.of(), List.of());
    }

    public SecurityConfig withAgentTls(boolean on) {
        return new SecurityConfig(on, httpTls, httpsCert, httpsKey, certificateValidity, tokenValidity, relayAllow, trustedProxies);
    }

    public SecurityConfig withHttpTls(boolean on) {
        return new SecurityConfig(agentTls, on, httpsCert, httpsKey, certificateValidity, tokenValidity, relayAllow, trustedProxies);
    }

    public SecurityConfig withHttpsFiles(Path cert, Path key) {
        return new SecurityConfig(agentTls, httpTls, cert, key, certificateValidity, tokenValidity, relayAllow, trustedProxies);
    }

    public SecurityConfig withCertificateValidity(Duration validity) {
        return new SecurityConfig(agentTls, httpTls, httpsCert, httpsKey, validity, tokenValidity, relayAllow, trustedProxies);
    }

    /** With these non-public upstream hosts, addresses or ranges allowed (e.g. a local Icecast). */
    public SecurityConfig withRelayAllow(List<String> allow) {
        return new SecurityConfig(agentTls, httpTls, httpsCert, httpsKey, certificateValidity, tokenValidity, allow, trustedProxies);
    }

    /** With these reverse proxies' X-Forwarded-For believed (addresses or CIDR ranges). */
    public SecurityConfig withTrustedProxies(List<String> proxies) {
        return new SecurityConfig(agentTls, httpTls, httpsCert, httpsKey, certificateValidity, tokenValidity, relayAllow,
                proxies);
    }

    public SecurityConfig withTokenValidity(Duration validity) {
        return new SecurityConfig(agentTls, httpTls, httpsCert, httpsKey, certificateValidity, validity, relayAllow, trustedProxies);
    }
}
