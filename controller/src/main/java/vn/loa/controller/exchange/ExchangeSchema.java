package vn.loa.controller.exchange;

import java.time.Instant;

/**
 * The mapping of {@link ExchangeRecord}s to one wire format: a connector for another province system's schema is
 * another implementation of this (docs/integration.md#writing-a-connector). The controller's own schema is
 * {@link LoaExchangeSchema}.
 */
public interface ExchangeSchema {
    /** The schema's name and version as sent in every record, e.g. {@code loa-exchange/1}. */
    String id();

    /** The record as the body of one message (UTF-8 JSON text). */
    String encode(String key, Instant recordedAt, ExchangeRecord record);
}
