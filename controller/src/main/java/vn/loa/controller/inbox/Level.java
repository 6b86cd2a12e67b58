package vn.loa.controller.inbox;

/** The three levels of Thông tư 39/2020/TT-BTTTT for a bulletin sent down to communes. */
public enum Level {
    /** The commune decides whether and when to broadcast it. */
    NORMAL,
    /** Broadcast at the proposed time; the commune may move it within the sender's window. */
    PRIORITY,
    /** Broadcast at once, without asking. */
    EMERGENCY
}
