package vn.loa.controller.outbox;

/** What an outbound endpoint receives: the exchange's records (at most one such endpoint), or webhook events. */
public enum Purpose {
    EXCHANGE, WEBHOOK
}
