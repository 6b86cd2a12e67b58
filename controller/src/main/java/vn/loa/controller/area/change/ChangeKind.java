package vn.loa.controller.area.change;

/** The kinds of change the area tree records. */
public enum ChangeKind {
    CREATE, RENAME, MOVE, MERGE, SPLIT, RETIRE
}
