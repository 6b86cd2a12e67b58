package vn.loa.controller.rejection;

/** What a caller tried to do (the {@code action} of {@link RejectionCode#ROLE_FORBIDDEN}). */
public enum Action implements Phrase {
    MANAGE_ACCOUNTS("manage accounts"),
    READ_AUDIT("read the audit log"),
    CHANGE_AREAS("change the area tree"),
    ADD_STATIONS("add stations"),
    UPLOAD_BULLETINS("upload bulletins"),
    SCHEDULE_BULLETINS("schedule bulletins"),
    DELETE_SCHEDULES("delete schedules"),
    SEND_ANNOUNCEMENTS("send announcements"),
    STOP_ANNOUNCEMENTS("stop announcements"),
    SPEAK_LIVE("speak live"),
    CREATE_RELAYS("create relays"),
    DELETE_RELAYS("delete relays"),
    SEND_COMMANDS("send commands to stations"),
    ACKNOWLEDGE_ALARMS("acknowledge alarms"),
    CREATE_ENROLLMENT_TOKENS("create enrollment tokens"),
    REVOKE_STATIONS("revoke stations"),
    REVIEW("review"),
    MANAGE_RELEASES("manage agent releases"),
    READ_EXCHANGE("read the exchange records"),
    MANAGE_CONNECTORS("manage the exchange endpoint and webhooks"),
    SEND_UPSTREAM_BULLETINS("send bulletins from the upstream system"),
    SEND_DOWN("send bulletins down to communes"),
    ANSWER_INBOX("answer the commune's inbox"),
    CONFIGURE_STATIONS("push a station's hardware file"),
    SET_QUIET_HOURS("set quiet hours"),
    SET_QUIET_HOURS_EVERYWHERE("set quiet hours for every station"),
    POST_CAP_ALERTS("post CAP alerts"),
    REVIEW_CAP_ALERTS("review CAP alerts"),
    CHANGE_BULLETINS("change a bulletin");

    private final String english;

    Action(String english) {
        this.english = english;
    }

    @Override
    public String english() {
        return english;
    }
}
