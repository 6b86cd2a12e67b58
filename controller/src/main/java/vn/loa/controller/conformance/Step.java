package vn.loa.controller.conformance;

/** The steps of a conformance run, in the order they run (docs/protocol.md §17). */
public enum Step {
    HELLO("hello and capabilities", "the first frame is a Hello in a version we speak; the Welcome is accepted"),
    CLOCK("clock", "TimeRequests are sent and answered; a heartbeat then reports the clock synchronised"),
    PLAN("plan", "a PlanSync is answered by a PlanAck naming its version"),
    FILE_TRANSFER("file transfer", "the plan's missing audio is requested from byte 0 by its SHA-256"),
    FILE_RESUME("file transfer resumed", "after the link drops mid-file, the agent redials naming the plan it holds "
            + "and resumes the file at the bytes it already has"),
    ANNOUNCEMENT("announcement", "BroadcastStart/Audio/End are reported RECEIVING, PLAYING, DONE"),
    COMMAND("command", "a Command (FetchLog) is answered by a final CommandResult with its command_id"),
    MALFORMED_FRAME("malformed frame", "a frame that is not a protobuf Envelope makes the agent close the link"),
    UNKNOWN_KIND("unknown kind", "an Envelope with an unknown kind is refused (Reject UNKNOWN_MESSAGE) and the link closed");

    private final String title;
    private final String expectation;

    Step(String title, String expectation) {
        this.title = title;
        this.expectation = expectation;
    }

    public String title() {
        return title;
    }

    /** What the agent must do for the step to pass. */
    public String expectation() {
        return expectation;
    }
}
