package vn.loa.controller.audit;

import java.time.Instant;

/** One audited action: who (account id and username), what (action, target, detail), when, from where. */
public record AuditEntry(long id, Instant at, Long accountId, String username, String action, String target,
        String detail, String remoteAddress) {
}
