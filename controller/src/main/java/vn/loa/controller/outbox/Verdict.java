package vn.loa.controller.outbox;

/**
 * What one delivery attempt's answer means for the message (pure, {@link #of}): delivered; refused for good (the
 * receiver will never take it: it is set aside so it does not block the queue); or try again later.
 */
public enum Verdict {
    DELIVERED, REFUSED, RETRY;

    /**
     * 2xx: delivered; 409 Conflict: the receiver already has this idempotency key, so delivered too; 408, 425,
     * 429 and every 5xx: a passing trouble, retried; any other 4xx (a wrong signature, a body it cannot read):
     * refused for good; anything else (1xx, 3xx — redirects are not followed): retried.
     */
    public static Verdict of(int status) {
        if (status >= 200 && status < 300 || status == 409) {
            return DELIVERED;
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return RETRY;
        }
        if (status >= 400 && status < 500) {
            return REFUSED;
        }
        return RETRY;
    }
}
