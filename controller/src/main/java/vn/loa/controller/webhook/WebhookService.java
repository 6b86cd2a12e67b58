package vn.loa.controller.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.loa.controller.exchange.ExchangeService;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.outbox.OutboundEndpoint;
import vn.loa.controller.outbox.OutboxRepository;
import vn.loa.controller.outbox.Purpose;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/** Webhook subscriptions: an address (through the outbound policy), a shared secret, the events it takes. */
public final class WebhookService {
    private final OutboxRepository outbox;
    private final OutboundPolicy policy;
    private final Clock clock;

    public WebhookService(OutboxRepository outbox, OutboundPolicy policy, Clock clock) {
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
    }

    /** @throws Rejection for a refused address, a short secret, an unknown or missing event */
    public OutboundEndpoint subscribe(String url, String secret, List<String> events, Long by) {
        List<Problem> problems = new ArrayList<>();
        URI checked = null;
        try {
            checked = ExchangeService.checkEndpoint(policy, url, secret);
        } catch (Rejection r) {
            problems.addAll(r.problems());
        }
        Set<String> kinds = new LinkedHashSet<>();
        if (events == null || events.isEmpty()) {
            problems.add(RejectionCode.EMPTY_LIST.problem("events"));
        } else {
            for (String e : events) {
                try {
                    kinds.add(WebhookEvent.valueOf(e).name());
                } catch (IllegalArgumentException unknown) {
                    problems.add(RejectionCode.NOT_ONE_OF.problem("events", e, List.of(WebhookEvent.values()).toString()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejection(problems);
        }
        URI address = checked;
        Instant now = clock.instant();
        long id = outbox.jdbc().inTransaction(c -> OutboxRepository.insertEndpoint(c, Purpose.WEBHOOK, address, secret,
                kinds, by, now));
        return outbox.find(id).orElseThrow();
    }

    public List<OutboundEndpoint> list() {
        return outbox.live(Purpose.WEBHOOK);
    }

    /** @return whether a live webhook had this id */
    public boolean unsubscribe(long id) {
        Instant now = clock.instant();
        return outbox.jdbc().inTransaction(c -> outbox.find(id).filter(e -> e.purpose() == Purpose.WEBHOOK).isPresent()
                && OutboxRepository.deleteEndpoint(c, id, now));
    }
}
