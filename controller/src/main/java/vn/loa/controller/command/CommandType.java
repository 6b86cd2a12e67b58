package vn.loa.controller.command;

/** The remote commands a technician can send to a station. */
public enum CommandType {
    TEST_TONE, SILENT_TEST, SET_VOLUME, RESTART_AGENT, FETCH_LOG,
    /** Local mode on or off (capability {@code local.mode.v1}). */
    SET_LOCAL_MODE
}
