package vn.loa.controller.exchange;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.outbox.OutboundEndpoint;
import vn.loa.controller.outbox.OutboxRepository;
import vn.loa.controller.outbox.Purpose;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/**
 * The exchange endpoint (at most one: the province's information-source system) and the pull of shared records.
 * A new endpoint receives the whole history, in order, then every new record.
 */
public final class ExchangeService {
    public static final int MIN_SECRET = 16;
    public static final int MAX_SECRET = 200;

    private final ExchangeRepository records;
    private final OutboxRepository outbox;
    private final OutboundPolicy policy;
    private final Runnable queued;
    private final Clock clock;

    public ExchangeService(ExchangeRepository records, OutboxRepository outbox, OutboundPolicy policy, Runnable queued,
            Clock clock) {
        this.records = records;
        this.outbox = outbox;
        this.policy = policy;
        this.queued = queued;
        this.clock = clock;
    }

    /**
     * Replaces the exchange endpoint (its queued messages stay with the old one, which is retired).
     *
     * @throws Rejection URL_* for an address the outbound policy refuses; REQUIRED/TOO_SHORT/TOO_LONG for the secret
     */
    public OutboundEndpoint setEndpoint(String url, String secret, Long by) {
        URI checked = checkEndpoint(policy, url, secret);
        Instant now = clock.instant();
        long id = outbox.jdbc().inTransaction(c -> {
            for (OutboundEndpoint e : OutboxRepository.live(c)) {
                if (e.purpose() == Purpose.EXCHANGE) {
                    OutboxRepository.deleteEndpoint(c, e.id(), now);
                }
            }
            long endpoint = OutboxRepository.insertEndpoint(c, Purpose.EXCHANGE, checked, secret, Set.of(), by, now);
            ExchangeRepository.backfill(c, endpoint, now);
            return endpoint;
        });
        queued.run();
        return outbox.find(id).orElseThrow();
    }

    /** An endpoint's address and secret, checked; every problem at once. */
    public static URI checkEndpoint(OutboundPolicy policy, String url, String secret) {
        List<Problem> problems = new ArrayList<>();
        URI checked = null;
        if (url == null || url.isBlank()) {
            problems.add(RejectionCode.REQUIRED.problem("url"));
        } else {
            try {
                checked = policy.check("url", url);
            } catch (Rejection r) {
                problems.addAll(r.problems());
            }
        }
        if (secret == null || secret.isEmpty()) {
            problems.add(RejectionCode.REQUIRED.problem("secret"));
        } else if (secret.length() < MIN_SECRET) {
            problems.add(RejectionCode.TOO_SHORT.problem("secret", MIN_SECRET));
        } else if (secret.length() > MAX_SECRET) {
            problems.add(RejectionCode.TOO_LONG.problem("secret", MAX_SECRET));
        }
        if (!problems.isEmpty()) {
            throw new Rejection(problems);
        }
        return checked;
    }

    /** Retires the exchange endpoint. @return whether there was one */
    public boolean removeEndpoint() {
        Instant now = clock.instant();
        return outbox.jdbc().inTransaction(c -> {
            boolean any = false;
            for (OutboundEndpoint e : OutboxRepository.live(c)) {
                if (e.purpose() == Purpose.EXCHANGE) {
                    any |= OutboxRepository.deleteEndpoint(c, e.id(), now);
                }
            }
            return any;
        });
    }

    public Optional<OutboundEndpoint> endpoint() {
        return outbox.live(Purpose.EXCHANGE).stream().findFirst();
    }

    /** Records after the cursor {@code since}, oldest first. */
    public List<ExchangeRepository.Stored> since(long since, int limit) {
        return records.page(since, limit);
    }
}
