package vn.loa.controller.exchange;

import java.time.Clock;
import java.time.Instant;

/** Records one exchange record now, once by key, and wakes the outbox (for records made outside the collector). */
public final class ExchangeWriter {
    private final ExchangeRepository repository;
    private final ExchangeSchema schema;
    private final Runnable queued;
    private final Clock clock;

    public ExchangeWriter(ExchangeRepository repository, ExchangeSchema schema, Runnable queued, Clock clock) {
        this.repository = repository;
        this.schema = schema;
        this.queued = queued;
        this.clock = clock;
    }

    /** @return false when a record with this key was already there */
    public boolean record(String key, ExchangeRecord record) {
        Instant now = clock.instant();
        boolean added = repository.append(key, record.kind(), schema.encode(key, now, record), now);
        if (added) {
            queued.run();
        }
        return added;
    }

    public java.util.Optional<ExchangeRepository.Stored> find(String key) {
        return repository.find(key);
    }
}
