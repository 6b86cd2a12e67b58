package vn.loa.agent.link;

import java.util.List;
import java.util.Optional;

/**
 * Which of the station's controllers to dial next, decided from what happened to the last link — pure,
 * no I/O. The list is the configured one, in order; a standby's refusal names the leader, which is
 * dialled next if it is on the list (a station dials only the controllers it was configured with),
 * otherwise the next one is.
 */
public final class ControllerAddresses {
    private final List<ControllerAddress> all;
    private int current;

    public ControllerAddresses(List<ControllerAddress> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a station needs at least one controller address");
        }
        this.all = List.copyOf(all);
    }

    public ControllerAddress current() {
        return all.get(current);
    }

    public List<ControllerAddress> all() {
        return all;
    }

    /** The dial failed or the link was lost: the next controller, round the list. */
    public ControllerAddress failed() {
        current = (current + 1) % all.size();
        return current();
    }

    /** A standby refused the link naming the leader ({@code host:port}, "" when it did not know one). */
    public ControllerAddress refusedBy(String leaderAddress) {
        Optional<Integer> named = indexOf(leaderAddress);
        if (named.isPresent() && named.get() != current) {
            current = named.get();
            return current();
        }
        return failed();
    }

    private Optional<Integer> indexOf(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        ControllerAddress wanted;
        try {
            wanted = ControllerAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).equals(wanted)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
