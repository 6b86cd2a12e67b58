package vn.loa.controller.account;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

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

    public record Change(Role role, boolean scopeGiven, Long scopeAreaId, String password, Boolean disabled) {
    }

    /**
     * Creates an account.
     *
     * @param earlier the problems the caller found in the request already, answered together with these
     * @throws Rejection with every problem (400), or USERNAME_TAKEN (409)
     */
    public long create(String username, String password, Role role, Long scopeAreaId, AreaTree tree,
            List<Problem> earlier) {
        Problems errors = new Problems();
        earlier.forEach(errors::add);
        if (username != null && !USERNAME.matcher(username).matches()) {
            errors.add(RejectionCode.USERNAME_FORMAT);
        }
        PasswordPolicy.check("password", password, errors);
        if (role != null) {
            checkScope(role, scopeAreaId, tree, errors);
        }
        errors.throwIfAny();
        if (accounts.usernameTaken(username)) {
            throw RejectionCode.USERNAME_TAKEN.reject(username);
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
            Problems errors = new Problems();
            checkScope(role, scope, tree, errors);
            if (change.password() != null) {
                PasswordPolicy.check("password", change.password(), errors);
            }
            errors.throwIfAny();
            boolean disabled = change.disabled() != null ? change.disabled() : current.disabled();
            boolean wasActiveAdmin = current.account().role() == Role.ADMIN && !current.disabled();
            boolean staysActiveAdmin = role == Role.ADMIN && !disabled;
            if (wasActiveAdmin && !staysActiveAdmin && accounts.countActiveAdmins() <= 1) {
                throw RejectionCode.LAST_ADMIN.reject(current.account().username());
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
                throw RejectionCode.LAST_ADMIN.reject(current.account().username());
            }
            accounts.markDeleted(id, clock.instant());
        } finally {
            changing.unlock();
        }
    }

    /** A user's own password change: the current one must match; other sessions end. */
    public void changeOwnPassword(Account account, String current, String next, String keepSessionHash) {
        Problems errors = new Problems();
        if (current == null || current.isEmpty()) {
            errors.add(RejectionCode.REQUIRED, "current");
        }
        PasswordPolicy.check("new", next, errors);
        errors.throwIfAny();
        Optional<String> stored = accounts.passwordHash(account.id());
        if (stored.isEmpty() || !hasher.matches(current, stored.get())) {
            throw RejectionCode.WRONG_CURRENT_PASSWORD.reject();
        }
        accounts.updatePassword(account.id(), hasher.hash(next));
        accounts.deleteSessionsOf(account.id(), keepSessionHash);
    }

    private static void checkScope(Role role, Long scopeAreaId, AreaTree tree, Problems errors) {
        if (role == Role.ADMIN) {
            if (scopeAreaId != null) {
                errors.add(RejectionCode.ADMIN_HAS_NO_SCOPE);
            }
        } else if (scopeAreaId == null) {
            errors.add(RejectionCode.SCOPE_REQUIRED, role.name());
        } else if (!tree.contains(scopeAreaId)) {
            errors.add(RejectionCode.DOES_NOT_EXIST, "scopeAreaId", ObjectKind.AREA, scopeAreaId);
        }
    }
}
