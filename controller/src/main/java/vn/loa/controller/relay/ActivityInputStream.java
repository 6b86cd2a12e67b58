package vn.loa.controller.relay;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/** Notes the time of the last byte that arrived, so a watchdog can tell a quiet upstream from a live one. */
final class ActivityInputStream extends FilterInputStream {
    private final LongSupplier nanoClock;
    private volatile long lastByteNanos;

    ActivityInputStream(InputStream in, LongSupplier nanoClock) {
        super(in);
        this.nanoClock = nanoClock;
        this.lastByteNanos = nanoClock.getAsLong();
    }

    long lastByteNanos() {
        return lastByteNanos;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            lastByteNanos = nanoClock.getAsLong();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            lastByteNanos = nanoClock.getAsLong();
        }
        return n;
    }
}
