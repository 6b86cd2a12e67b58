package vn.loa.controller.account;

/** What an account may do (the scope says where). */
public enum Role {
    ADMIN, OPERATOR, TECHNICIAN, VIEWER;

    public boolean mayManageStations() {
        return this == ADMIN || this == TECHNICIAN;
    }

    public boolean mayBroadcast() {
        return this == ADMIN || this == OPERATOR;
    }
}
