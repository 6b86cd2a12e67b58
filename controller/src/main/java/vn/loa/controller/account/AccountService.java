package vn.loa.controller.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import vn.loa.controller.area.AreaTree;

/**
 * Creates, changes and deletes accounts (admins only, checked by the caller), keeping the rules: a
 * username is unique forever; an admin's scope is everything; every other role has a scope area; there
 * is always at least one enabled admin.
 */
public final class AccountService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Clock clock;
    /**
     * Changes and deletions one at a time (the last-admin rule reads, then writes); a ReentrantLock, not a
     * monitor: the JDBC work runs under it on virtual threads.
     */
    private final ReentrantLock changing = new ReentrantLock();

    public AccountService(AccountRepository accounts, PasswordHasher hasher, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A refusal with every reason; {@code conflict} for a rule about other accounts (409). */
    public static final class Refused extends RuntimeException {
        private final boolean conflict;

        public Refused(List<String> reasons, boolean conflict) {
            super(String.join("; ", reasons));
            this.conflict = conflict;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    public record Change(Role role, boolean scopeGiven, Long scopeAreaId, String password, Boolean disabled) {
    }

    public long create(String username, String password, Role role, Long scopeAreaId, AreaTree tree,
            List<String> earlier) {
        List<String> errors = new ArrayList<>(earlier);
        if (username != null && !USERNAME.matcher(username).matches()) {
            errors.add("username: 3–64 characters: letters, digits and . _ @ -");
        }
        PasswordPolicy.check("password", password, errors);
        if (role != null) {
            checkScope(role, scopeAreaId, tree, errors);
        }
        if (!errors.isEmpty()) {
            throw new Refused(errors, false);
        }
        if (accounts.usernameTaken(username)) {
            throw new Refused(List.of("username: '" + username + "' is taken"), true);
        }
        return accounts.create(username, hasher.hash(password), role, scopeAreaId);
    }

    public AccountRepository.Listed update(long id, Change change, AreaTree tree) {
        changing.lock();
        try {
            var current = accounts.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no such account: " + id));
            Role role = change.role() != null ? change.role() : current.account().role();
            Long scope = change.scopeGiven() ? change.scopeAreaId()
                    : role == Role.ADMIN ? null : current.account().scopeAreaId();
            List<String> errors = new ArrayList<>();
            checkScope(role, scope, tree, errors);
            if (change.password() != null) {
                PasswordPolicy.check("password", change.password(), errors);
            }
            if (!errors.isEmpty()) {
                throw new Refused(errors, false);
            }
            boolean disabled = change.disabled() != null ? change.disabled() : current.disabled();
            boolean wasActiveAdmin = current.account().role() == Role.ADMIN && !current.disabled();
            boolean staysActiveAdmin = role == Role.ADMIN && !disabled;
            if (wasActiveAdmin && !staysActiveAdmin && accounts.countActiveAdmins() <= 1) {
                throw new Refused(List.of("'" + current.account().username()
                        + "' is the last enabled admin: make another admin first"), true);
            }
            accounts.updateRoleAndScope(id, role, scope);
            if (change.disabled() != null) {
                accounts.setDisabled(id, disabled);
            }
            if (change.password() != null) {
                accounts.updatePassword(id, hasher.hash(change.password()));
                accounts.deleteSessionsOf(id, null);
            }
            if (disabled) {
                accounts.deleteSessionsOf(id, null);
            }
            return accounts.find(id).orElseThrow();
        } finally {
            changing.unlock();
        }
    }

    public void delete(long id) {
        changing.lock();
        try {
            var current = accounts.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no such account: " + id));
            if (current.account().role() == Role.ADMIN && !current.disabled() && accounts.countActiveAdmins() <= 1) {
                throw new Refused(List.of("'" + current.account().username()
                        + "' is the last enabled admin: make another admin first"), true);
            }
            accounts.markDeleted(id, clock.instant());
        } finally {
            changing.unlock();
        }
    }

    /** A user's own password change: the current one must match; other sessions end. */
    public void changeOwnPassword(Account account, String current, String next, String keepSessionHash) {
        List<String> errors = new ArrayList<>();
        if (current == null || current.isEmpty()) {
            errors.add("current: required text");
        }
        PasswordPolicy.check("new", next, errors);
        if (!errors.isEmpty()) {
            throw new Refused(errors, false);
        }
        Optional<String> stored = accounts.passwordHash(account.id());
        if (stored.isEmpty() || !hasher.matches(current, stored.get())) {
            throw new Refused(List.of("current: wrong password"), false);
        }
        accounts.updatePassword(account.id(), hasher.hash(next));
        accounts.deleteSessionsOf(account.id(), keepSessionHash);
    }

    private static void checkScope(Role role, Long scopeAreaId, AreaTree tree, List<String> errors) {
        if (role == Role.ADMIN) {
            if (scopeAreaId != null) {
                errors.add("scopeAreaId: an admin's scope is everything (null)");
            }
        } else if (scopeAreaId == null) {
            errors.add("scopeAreaId: required for " + role + " (an area id; only admins have no scope)");
        } else if (!tree.contains(scopeAreaId)) {
            errors.add("scopeAreaId: area " + scopeAreaId + " does not exist");
        }
    }
}
