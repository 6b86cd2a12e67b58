package vn.loa.controller.command;

/** The remote commands a technician can send to a station. */
public enum CommandType {
    TEST_TONE, SILENT_TEST, SET_VOLUME, RESTART_AGENT, FETCH_LOG
}
