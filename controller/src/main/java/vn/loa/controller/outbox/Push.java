package vn.loa.controller.outbox;

import java.io.IOException;
import java.net.URI;

/** Sends one signed message to one address and returns the HTTP status (HTTPS in production, {@link HttpPush}). */
@FunctionalInterface
public interface Push {
    int send(URI url, String idempotencyKey, String signature, byte[] body) throws IOException, InterruptedException;
}
