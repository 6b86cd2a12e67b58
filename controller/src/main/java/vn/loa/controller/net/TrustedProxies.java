package vn.loa.controller.net;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} the controller believes ({@code --trusted-proxy}, repeatable;
 * docs/security.md#client-addresses). A pure decision: from the peer that connected and the header, the address of
 * the client — the rightmost address in the chain that is not a trusted proxy. From any other peer the header is
 * ignored (anyone can write one). Only address literals are read from the header: a name is never resolved.
 */
public final class TrustedProxies {
    /** One range: an address and how many leading bits of it count. */
    private record Range(byte[] network, int prefix) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (b[full] & mask) == (network[full] & mask);
        }
    }

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** No proxy is trusted: every client is the peer that connected. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param cidrs addresses or ranges ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8})
     * @throws IllegalArgumentException naming every entry that is not one
     */
    public static TrustedProxies of(List<String> cidrs) {
        List<Range> ranges = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String text : cidrs == null ? List.<String>of() : cidrs) {
            String t = text.strip();
            int slash = t.indexOf('/');
            byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? t : t.substring(0, slash));
            if (address == null) {
                errors.add("'" + text + "' is not an address or a range like 10.0.0.0/8 (names are not accepted)");
                continue;
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    errors.add("'" + text + "' has a prefix out of range (0…" + address.length * 8 + ")");
                    continue;
                }
            }
            ranges.add(new Range(address, prefix));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("--trusted-proxy: " + String.join("; ", errors));
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(ranges);
    }

    /** Whether this address is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        for (Range r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client behind {@code peer}: the peer itself unless it is a trusted proxy; otherwise, walking the
     * {@code X-Forwarded-For} chain from the right, the first address that is not a trusted proxy. A malformed
     * entry ends the walk (nothing to its left can be believed): the last trusted hop is then the client. When
     * every hop is trusted, the leftmost one is.
     *
     * @param forwardedFor the header's values in the order received (several headers are one list)
     */
    public InetAddress client(InetAddress peer, List<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static InetAddress literal(String hop) {
        String h = hop;
        if (h.startsWith("[") && h.contains("]")) {
            h = h.substring(1, h.indexOf(']')); // [2001:db8::1]:443
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':')); // 203.0.113.7:5123
        }
        return NetUtil.createInetAddressFromIpAddressString(h);
    }

    @Override
    public String toString() {
        return ranges.isEmpty() ? "none" : ranges.size() + " range(s)";
    }
}
