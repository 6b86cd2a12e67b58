package vn.loa.controller.outbound;

import java.io.IOException;

/** A connection the outbound policy refused at connect time (the host now resolves to an internal address). */
public final class OutboundRefused extends IOException {
    public OutboundRefused(String message) {
        super(message);
    }
}
