package vn.loa.controller.account;

/** A person (or an automation) who signs in. {@code scopeAreaId} null means the whole system. */
public record Account(long id, String username, Role role, Long scopeAreaId) {
}
