package vn.loa.controller.approval;

/** What can need approval, and the table it lives in. */
public enum ApprovalKind {
    BULLETIN("bulletin"), SCHEDULE("schedule");

    final String table;

    ApprovalKind(String table) {
        this.table = table;
    }

    public String noun() {
        return table;
    }
}
