package vn.loa.controller.relay;

/** The upstream cannot be relayed (now): why, as a reason code and a sentence. */
public final class UpstreamException extends Exception {
    public enum Kind {
        /** Cannot connect, or the server refused (HTTP error). */
        UNREACHABLE,
        /** Connected, then no data for too long, or the stream ended. */
        UPSTREAM_DEAD,
        /** Data arrives but it is silence. */
        UPSTREAM_SILENT,
        /** The stream is not audio the controller can decode (or the tool it needs is missing). */
        UNSUPPORTED,
        /** The upstream is fine but the broadcast to the stations could not be opened. */
        BROADCAST_REFUSED
    }

    private final Kind kind;

    public UpstreamException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public UpstreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** "UPSTREAM_DEAD: no data for 5 s" — the form used as a broadcast stop reason and as a relay's last error. */
    public String reason() {
        return kind.name() + ": " + getMessage();
    }
}
