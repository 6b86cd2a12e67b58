package vn.loa.controller.rejection;

/** Who may do something (the {@code who} of {@link RejectionCode#ROLE_FORBIDDEN}). */
public enum Who implements Phrase {
    ADMIN("an admin"),
    ADMIN_OR_OPERATOR("an admin or an operator"),
    ADMIN_OR_TECHNICIAN("an admin or a technician"),
    REVIEWER("an admin, or an operator or technician whose scope contains the approval area"),
    UNSCOPED("an account whose scope is everything (no scope area)"),
    PROVINCE_LEVEL("a province-level admin or operator"),
    PROVINCE_WIDE("an account whose scope is everything or a whole province");

    private final String english;

    Who(String english) {
        this.english = english;
    }

    @Override
    public String english() {
        return english;
    }
}
