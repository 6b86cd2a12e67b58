package vn.loa.controller.outbox;

/**
 * What an outbound endpoint receives: the exchange's records (at most one such endpoint), webhook events, or alarm
 * texts for phones (at most one: the chat gateway's send address).
 */
public enum Purpose {
    EXCHANGE, WEBHOOK, PHONE
}
