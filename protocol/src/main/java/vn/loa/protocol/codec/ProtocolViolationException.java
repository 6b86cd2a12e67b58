package vn.loa.protocol.codec;

import vn.loa.protocol.v1.Reject;

/** A peer broke the protocol; the connection is closed with a {@link Reject} of this code. */
public final class ProtocolViolationException extends RuntimeException {
    private final Reject.Code code;

    private final Reject reject;

    public ProtocolViolationException(Reject.Code code, String message) {
        this(Reject.newBuilder().setCode(code).setMessage(message).build());
    }

    /** With a complete Reject (e.g. the supported version range). */
    public ProtocolViolationException(Reject reject) {
        super(reject.getMessage());
        this.code = reject.getCode();
        this.reject = reject;
    }

    public Reject reject() {
        return reject;
    }

    public Reject.Code code() {
        return code;
    }
}
