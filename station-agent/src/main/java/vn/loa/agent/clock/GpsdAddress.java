package vn.loa.agent.clock;

/**
 * Where gpsd serves its JSON protocol (TCP, by default {@code localhost:2947}).
 *
 * @param host gpsd's host
 * @param port its TCP port
 */
public record GpsdAddress(String host, int port) {
    public static final int DEFAULT_PORT = 2947;

    public GpsdAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("gpsd: the host is missing (HOST or HOST:PORT, e.g. localhost:2947)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("gpsd: port " + port + " is not a TCP port");
        }
    }

    /** {@code HOST} or {@code HOST:PORT} (station.properties {@code gpsd}). */
    public static GpsdAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new GpsdAddress(t, DEFAULT_PORT);
        }
        try {
            return new GpsdAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gpsd must be HOST or HOST:PORT (e.g. localhost:2947), got " + text);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
