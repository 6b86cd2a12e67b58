package vn.loa.controller.quiet;

import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.protocol.quiet.QuietRule;

/**
 * A quiet rule's own problem ({@link QuietRule.Problem}, shared with the agent) as the controller refuses it: a
 * coded problem naming the field, which the console renders in Vietnamese (docs/api.md#errors).
 */
public final class QuietRuleRefusal {
    private QuietRuleRefusal() {
    }

    public static Problem of(QuietRule.Problem p) {
        return switch (p) {
            case NAME_REQUIRED, TIMES_REQUIRED, EFFECT_REQUIRED, OVERRIDE_REQUIRED -> RejectionCode.REQUIRED.problem(p.field());
            case GAIN_OUT_OF_RANGE -> RejectionCode.OUT_OF_RANGE.problem(p.field(), (int) QuietRule.MIN_GAIN_DB, 0);
        };
    }
}
