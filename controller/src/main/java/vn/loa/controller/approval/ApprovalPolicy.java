package vn.loa.controller.approval;

import java.util.Optional;
import java.util.Set;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.Role;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/**
 * Who needs approval and who may give it (docs/accounts.md#approval).
 *
 * <ul>
 *   <li>A bulletin or schedule made by a scoped account needs approval when its scope area, or any area
 *   above it, requires approval; the nearest such area is the <em>approval area</em>. Admins' never do.</li>
 *   <li>A <em>reviewer</em> of an item is an admin, or an operator or technician whose scope contains the
 *   item's approval area (the scope is that area or above it) — never the item's own author.</li>
 *   <li>Announcements are never subject to approval: an urgent one must go out at once.</li>
 * </ul>
 */
public final class ApprovalPolicy {
    private ApprovalPolicy() {
    }

    /** The area whose approval the account's bulletins and schedules need, or empty when they need none. */
    public static Optional<Long> approvalArea(Account author, AreaTree tree, Set<Long> requiring) {
        if (author.role() == Role.ADMIN || author.scopeAreaId() == null || requiring.isEmpty()) {
            return Optional.empty();
        }
        Long cur = author.scopeAreaId();
        for (int guard = 0; cur != null && guard < 64; guard++) {
            if (requiring.contains(cur)) {
                return Optional.of(cur);
            }
            cur = tree.get(cur).map(Area::parentId).orElse(null);
        }
        return Optional.empty();
    }

    /** Why the account may not review the item (a 403 problem), or empty when it may. */
    public static Optional<Problem> whyNotReviewer(Account reviewer, ApprovalState item, AreaTree tree) {
        if (reviewer.role() == Role.ADMIN) {
            return Optional.empty();
        }
        if (reviewer.role() != Role.OPERATOR && reviewer.role() != Role.TECHNICIAN) {
            return Optional.of(RejectionCode.ROLE_FORBIDDEN.problem(Who.REVIEWER, Action.REVIEW));
        }
        if (item.createdBy() != null && item.createdBy() == reviewer.id()) {
            return Optional.of(RejectionCode.OWN_WORK_REVIEW.problem());
        }
        if (item.approvalAreaId() == null || reviewer.scopeAreaId() == null
                || !tree.isWithin(item.approvalAreaId(), reviewer.scopeAreaId())) {
            return Optional.of(RejectionCode.REVIEW_AREA_OUTSIDE_SCOPE.problem(item.approvalAreaId()));
        }
        return Optional.empty();
    }
}
