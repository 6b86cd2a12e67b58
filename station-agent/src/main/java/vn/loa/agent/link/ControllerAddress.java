package vn.loa.agent.link;

import java.util.ArrayList;
import java.util.List;

/** Where a controller's agent port is: {@code host:port} ({@code [v6]:port} for an IPv6 literal). */
public record ControllerAddress(String host, int port) {
    public static final int DEFAULT_PORT = 7070;

    public ControllerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a controller address needs a host (HOST:PORT)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("controller port " + port + " is not a TCP port");
        }
    }

    /** {@code HOST:PORT} or {@code HOST} (port 7070). */
    public static ControllerAddress parse(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        boolean bracketed = t.startsWith("[");
        if (colon < 0 || (bracketed && colon < t.indexOf(']'))) {
            return new ControllerAddress(unbracket(t), DEFAULT_PORT);
        }
        try {
            return new ControllerAddress(unbracket(t.substring(0, colon)), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a controller address must be HOST:PORT, got '" + text + "'");
        }
    }

    /** A comma-separated list, in the order to try: {@code a.example:7070,b.example:7070}. */
    public static List<ControllerAddress> parseList(String text) {
        List<ControllerAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no controller address given (HOST:PORT[,HOST:PORT…])");
        }
        return List.copyOf(out);
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
