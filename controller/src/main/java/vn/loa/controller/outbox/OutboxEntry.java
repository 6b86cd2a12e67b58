package vn.loa.controller.outbox;

/** One message waiting for one endpoint; {@code key} is its idempotency key. */
public record OutboxEntry(long id, long endpointId, String key, String body, int attempts) {
}
