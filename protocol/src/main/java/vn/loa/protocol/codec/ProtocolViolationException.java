package vn.loa.protocol.codec;

import vn.loa.protocol.v1.Reject;

/** A peer broke the protocol; the connection is closed with a {@link Reject} of this code. */
public final class ProtocolViolationException extends RuntimeException {
    private final Reject.Code code;

    public ProtocolViolationException(Reject.Code code, String message) {
        super(message);
        this.code = code;
    }

    public Reject.Code code() {
        return code;
    }
}
