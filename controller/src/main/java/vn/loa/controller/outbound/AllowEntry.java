package vn.loa.controller.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** One entry of the outbound allow-list: a host name, an address, or a CIDR range ({@code 10.0.0.0/8}). */
record AllowEntry(String name, byte[] network, int prefix) {

    static AllowEntry parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("--relay-allow: an empty entry");
        }
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        if (isAddressLiteral(host)) {
            try {
                byte[] address = InetAddress.getByName(host).getAddress();
                int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(t.substring(slash + 1));
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("--relay-allow: '" + text + "' has a prefix out of range");
                }
                return new AllowEntry(null, address, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("--relay-allow: '" + text + "' is not an address or range", e);
            }
        }
        if (slash >= 0) {
            throw new IllegalArgumentException("--relay-allow: '" + text + "': a range needs an address, not a name");
        }
        return new AllowEntry(t, null, 0);
    }

    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    boolean matchesName(String host) {
        if (name != null) {
            return name.equals(host.toLowerCase(Locale.ROOT));
        }
        if (isAddressLiteral(host)) {
            try {
                return matches(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    boolean matches(InetAddress address) {
        if (network == null) {
            return false;
        }
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
