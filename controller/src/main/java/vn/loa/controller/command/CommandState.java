package vn.loa.controller.command;

/**
 * SENT: on its way, no answer yet. RUNNING: the agent accepted it. Then one of the final states:
 * SUCCEEDED, FAILED (ran and found a fault), REJECTED (not run), TIMED_OUT (no answer in time),
 * LINK_LOST (the link went down before the answer).
 */
public enum CommandState {
    SENT, RUNNING, SUCCEEDED, FAILED, REJECTED, TIMED_OUT, LINK_LOST;

    public boolean isFinal() {
        return this != SENT && this != RUNNING;
    }
}
