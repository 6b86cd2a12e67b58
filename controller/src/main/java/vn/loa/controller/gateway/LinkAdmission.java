package vn.loa.controller.gateway;

import java.util.Optional;

/**
 * Whether this controller node takes station links: in a cluster on one PostgreSQL database only the
 * leader does; a standby refuses each {@code Hello} with {@code Reject{NOT_LEADER}} naming the leader's
 * agent address (docs/protocol.md §5), and the agent dials that one or its next controller.
 */
@FunctionalInterface
public interface LinkAdmission {
    /** One controller alone (H2): every link is taken. */
    LinkAdmission ALWAYS = Optional::empty;

    /** Empty when this node takes links; else the leader's agent address ({@code host:port}, "" when unknown). */
    Optional<String> standbyFor();
}
