package vn.loa.controller.rejection;

/** The kinds of object an id names (the {@code kind} of {@link RejectionCode#NOT_FOUND}). */
public enum ObjectKind implements Phrase {
    STATION("station"), ZONE("zone"), AREA("area"), BULLETIN("bulletin"), SCHEDULE("schedule"),
    ANNOUNCEMENT("announcement"), RELAY("relay"), ALARM("alarm"), COMMAND("command"), ACCOUNT("account"),
    TOKEN("token"), AREA_CHANGE("area change"), INBOX_ITEM("inbox item"), RELEASE("agent release"),
    ROLLOUT("rollout"), CONFIG_PUSH("configuration push"), QUIET_RULE("quiet rule"), CAP_ALERT("CAP alert");

    private final String english;

    ObjectKind(String english) {
        this.english = english;
    }

    @Override
    public String english() {
        return english;
    }
}
