package vn.loa.controller.cap;

/** A CAP alert that cannot be taken: not XML, not valid against the schema, or not actionable. The message says why. */
public final class CapRejected extends RuntimeException {
    public CapRejected(String message) {
        super(message);
    }
}
