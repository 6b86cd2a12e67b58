package vn.loa.controller.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;

/**
 * The one rule for every request the controller itself makes to an address a user typed (relays now;
 * connectors, webhooks and CAP resources later must use it too — docs/security.md#outbound-requests): only
 * {@code http}/{@code https}, and only to hosts whose every address is public, unless an admin put the host
 * (a name, an address or a CIDR range) on the allow-list ({@code --relay-allow}). Checked when the address is
 * stored and again right before each connection and each redirect ({@link #requireAllowed}), so a name that
 * later resolves to an internal address (DNS rebinding) is refused then. Refusals never say whether anything
 * answers at the address.
 */
public final class OutboundPolicy {
    private final List<AllowEntry> allowed;
    private final HostResolver resolver;

    /** Resolves a host name to its addresses (the system resolver; a fixed table in tests). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public OutboundPolicy(List<String> allow, HostResolver resolver) {
        this.allowed = allow.stream().map(AllowEntry::parse).toList();
        this.resolver = resolver;
    }

    /** Public addresses only. */
    public static OutboundPolicy publicOnly() {
        return new OutboundPolicy(List.of(), InetAddress::getAllByName);
    }

    /** Public addresses, and these hosts, addresses or CIDR ranges (e.g. {@code 127.0.0.1}, {@code 10.0.0.0/8}). */
    public static OutboundPolicy allowing(List<String> allow) {
        return new OutboundPolicy(allow, InetAddress::getAllByName);
    }

    /**
     * The address a user typed, checked; the problem names {@code field}.
     *
     * @throws vn.loa.controller.rejection.Rejection URL_SCHEME, URL_NO_HOST, URL_INVALID or URL_NOT_ALLOWED
     */
    public URI check(String field, String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw RejectionCode.URL_INVALID.reject(field, text);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw RejectionCode.URL_SCHEME.reject(field, text);
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw RejectionCode.URL_NO_HOST.reject(field, text);
        }
        if (url.getPort() > 65_535 || url.getUserInfo() != null) {
            throw RejectionCode.URL_INVALID.reject(field, text);
        }
        if (!allows(url.getHost())) {
            throw RejectionCode.URL_NOT_ALLOWED.reject(field, url.getHost());
        }
        return url;
    }

    /** The problem with an address, or null when it may be fetched (for validators that list every problem). */
    public Problem problem(String field, String text) {
        try {
            check(field, text);
            return null;
        } catch (vn.loa.controller.rejection.Rejection e) {
            return e.first();
        }
    }

    /**
     * Right before connecting (and before following a redirect): the host must still be allowed now.
     *
     * @throws OutboundRefused when it is not, with a message that reveals nothing about what answers there
     */
    public void requireAllowed(URI url) throws OutboundRefused {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || url.getHost() == null || !allows(url.getHost())) {
            throw new OutboundRefused("the controller may not connect to " + url.getHost()
                    + ": not a public address (an admin may allow it: --relay-allow)");
        }
    }

    /** Whether every address of the host is public, or the host (or one of its addresses) is allowed. */
    boolean allows(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowed.stream().anyMatch(a -> a.matchesName(h))) {
            return true;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(h);
        } catch (UnknownHostException e) {
            return false;
        }
        if (addresses.length == 0) {
            return false;
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a) && allowed.stream().noneMatch(e -> e.matches(a))) {
                return false;
            }
        }
        return true;
    }

    /** Not loopback, private, link-local, unique-local, carrier-grade NAT, multicast or unspecified. */
    public static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // 100.64/10 carrier-grade NAT
                    && !(first == 198 && (second == 18 || second == 19)) // 198.18/15 benchmarking
                    && first < 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
