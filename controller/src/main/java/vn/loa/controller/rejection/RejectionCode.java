package vn.loa.controller.rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every way the controller refuses a request: a stable code (what clients and the console key on), its HTTP
 * status, and an English template whose {@code {name}} placeholders are the code's parameters, in order.
 * The console renders the same code in Vietnamese or English from its own catalogue; docs/api.md#errors
 * lists every code with its parameters. Codes are never renamed or removed: a client may rely on them.
 * A long list on purpose: one constant per refusal, so no refusal is a reason string parsed back.
 */
public enum RejectionCode {
    // ---- the request itself ---------------------------------------------------------------
    MALFORMED_REQUEST(400, "malformed HTTP request"),
    NO_SUCH_RESOURCE(404, "no such resource: {path}"),
    METHOD_NOT_ALLOWED(405, "{method} is not allowed on {path}"),
    BODY_TOO_LARGE(413, "the request body is larger than the limit of {limit}"),
    REQUEST_TIMEOUT(408, "the request did not arrive in time: send it whole within {seconds} s"),
    RATE_LIMITED(429, "too many requests from your address; slow down and try again in {seconds} s"),
    SERVER_BUSY(503, "the controller is busy receiving other requests; try again in {seconds} s"),
    SHUTTING_DOWN(503, "the controller is shutting down"),
    UPLOAD_NOT_STORED(507, "the upload could not be written to the controller's disk ({reason}): free space there, "
            + "then send it again"),
    INTERNAL_ERROR(500, "internal error; see the controller log"),
    WEBSOCKET_REQUIRED(400, "{path} is a WebSocket: open it with an Upgrade: websocket request"),

    // ---- who is asking ----------------------------------------------------------------------
    SIGN_IN_REQUIRED(401, "sign in first (POST /api/v1/session), then send the session cookie or "
            + "'Authorization: Bearer <token>'"),
    API_TOKEN_IN_COOKIE(401, "an API token is not a session: send it as 'Authorization: Bearer <token>', "
            + "not in the session cookie"),
    SIGN_IN_FAILED(401, "wrong username or password"),
    SIGN_IN_THROTTLED(429, "too many failed sign-ins: try again in {seconds} s"),
    CSRF_TOKEN_MISSING(403, "missing or wrong X-CSRF-Token header: a request signed in by the session cookie "
            + "must send the csrfToken of POST /api/v1/session (also in the loa_csrf cookie)"),
    WEBSOCKET_ORIGIN(403, "a WebSocket signed in by the session cookie must come from this controller's page "
            + "(Origin must match Host)"),
    ROLE_FORBIDDEN(403, "only {who} may {action}"),
    /** No longer answered (it named ids outside the scope, an existence oracle); kept because codes are never removed. */
    TARGETS_OUTSIDE_SCOPE(403, "targets outside your area: {targets}"),
    REACHES_OUTSIDE_SCOPE(403, "{kind} {id} also reaches beyond your area: only an account whose scope covers all of "
            + "it may change it"),
    OWN_WORK_REVIEW(403, "you may not review your own work: another reviewer must"),
    REVIEW_AREA_OUTSIDE_SCOPE(403, "your scope does not contain area {areaId}, which requires this approval"),

    // ---- what the request names -------------------------------------------------------------
    /** One answer for "does not exist" and "outside your scope": an id reveals nothing (docs/accounts.md). */
    NOT_FOUND(404, "no such {kind}: {id}"),

    // ---- the body's shape ---------------------------------------------------------------------
    BODY_REQUIRED(400, "the request needs a JSON body"),
    BODY_NOT_JSON(400, "the body is not valid JSON: {reason}"),
    BODY_NOT_OBJECT(400, "the body must be a JSON object"),
    UNKNOWN_FIELD(400, "{field}: is not a field of this request (allowed: {allowed})"),
    WRONG_TYPE(400, "{field}: must be {expected}"),

    // ---- field values ---------------------------------------------------------------------------
    REQUIRED(400, "{field}: required"),
    TOO_LONG(400, "{field}: at most {max} characters"),
    TOO_SHORT(400, "{field}: at least {min} characters"),
    OUT_OF_RANGE(400, "{field}: must be from {min} to {max}"),
    NOT_ONE_OF(400, "{field}: '{value}' is not one of {allowed}"),
    NOT_A_NUMBER(400, "{field}: '{value}' is not a number"),
    NOT_A_DATE_TIME(400, "{field}: '{value}' is not a date-time like 2026-12-01T17:00:00+07:00"),
    NOT_A_DATE(400, "{field}: '{value}' is not a date like 2026-12-01"),
    NOT_A_TIME(400, "{field}: '{value}' is not a time of day like 06:00"),
    NOT_A_MONTH(400, "{field}: '{value}' is not a month like 2026-12"),
    NOT_A_DAY_OF_MONTH(400, "{field}: '{value}' is not a day of month (1..31, or -1 for the last day)"),
    DATE_OUT_OF_RANGE(400, "{field}: '{value}' is outside the supported range {min} … {max}"),
    IN_THE_PAST(400, "{field}: {value} is in the past"),
    TOO_FAR_AHEAD(400, "{field}: {value} is more than {days} days ahead"),
    TOO_LONG_ON_AIR(400, "{field}: the announcement would last {minutes} minutes; at most {max} minutes"),
    BEFORE(400, "{field}: {value} is before {other} ({otherValue})"),
    WINDOW_TOO_LONG(400, "{field}: the window is at most {days} days"),
    EITHER_NOT_BOTH(400, "give {first} or {second}, not both"),
    EMPTY_LIST(400, "{field}: give at least one"),
    TOO_MANY(400, "{field}: at most {max}"),
    WINDOW_BACKWARDS(400, "{field}: ends at {end}, not after its start {start} (a window cannot cross midnight; "
            + "split it in two)"),
    WINDOWS_OVERLAP(400, "{field}: {window} overlaps {other}"),
    TOO_MANY_RUNS(400, "the window holds more than {max} runs; choose a shorter window or one station"),
    RULE_NEVER_FIRES(400, "the rule never fires after now ({now}): {why}"),
    RULE_AT_NOT_AFTER_NOW(400, "the rule never fires after now: rule.at ({at}) is not after now ({now})"),
    RULE_DAYS_NEVER_IN_RANGE(400, "the rule never fires after now: none of rule.days ({days}) falls between "
            + "rule.from ({from}) and rule.until ({until})"),
    RULE_DAYS_OF_MONTH_NEVER_IN_RANGE(400, "the rule never fires after now: none of rule.daysOfMonth ({days}) exists "
            + "between rule.from ({from}) and rule.until ({until})"),
    RULE_EVERY_DATE_EXCEPTED(400, "the rule never fires after now: every date between rule.from ({from}) and "
            + "rule.until ({until}) is in rule.except"),
    RULE_EVERY_MATCHING_DATE_EXCEPTED(400, "the rule never fires after now: every date matching {field} ({days}) "
            + "between rule.from ({from}) and rule.until ({until}) is in rule.except"),
    RULE_ENDED(400, "the rule never fires after now: every occurrence up to rule.until ({until}) is before now ({now})"),
    RULE_MISSING(400, "rule: is required (an object with a \"type\": {types})"),
    RULE_NOT_OBJECT(400, "rule: {value} is not an object (e.g. {\"type\":\"daily\",\"times\":[\"17:00\"],\"from\":\"2026-12-01\"})"),
    RULE_TYPE_REQUIRED(400, "rule.type: is required ({types})"),
    RULE_TYPE_UNSUPPORTED(400, "rule.type: {value} is not supported ({types})"),
    RULE_UNKNOWN_FIELD(400, "{field}: is not a field of a {type} rule (allowed: {allowed})"),
    RULE_AT_REQUIRED(400, "rule.at: is required (a date-time, e.g. 2026-12-01T17:00:00+07:00)"),
    RULE_AT_NOT_A_DATE_TIME(400, "rule.at: {value} is not a date-time (e.g. 2026-12-01T17:00:00+07:00, or 2026-12-01T17:00 for local time)"),
    RULE_DATE_OUT_OF_RANGE(400, "{field}: {value} is out of range ({min}..{max})"),
    RULE_UNTIL_BEFORE_FROM(400, "rule.until ({until}) is before rule.from ({from})"),
    RULE_TIMES_REQUIRED(400, "rule.times: is required (a list of times of day, HH:mm, e.g. [\"05:30\", \"17:00\"])"),
    RULE_TIMES_NOT_A_LIST(400, "rule.times: {value} is not a list of times of day (HH:mm), e.g. [\"05:30\", \"17:00\"]"),
    RULE_TIMES_EMPTY(400, "rule.times: is empty; give at least one time of day (HH:mm)"),
    RULE_NOT_A_TIME(400, "{field}: {value} is not a time of day (HH:mm)"),
    RULE_TOO_MANY_TIMES(400, "rule.times: {count} different times given; at most {max} per day are allowed"),
    RULE_DAYS_REQUIRED(400, "rule.days: is required (a list of days, MON..SUN, e.g. [\"MON\", \"THU\"])"),
    RULE_DAYS_NOT_A_LIST(400, "rule.days: {value} is not a list of days (MON..SUN), e.g. [\"MON\", \"THU\"]"),
    RULE_DAYS_EMPTY(400, "rule.days: is empty; give at least one day (MON..SUN)"),
    RULE_NOT_A_DAY(400, "rule.days: {value} is not a day (MON..SUN)"),
    RULE_DAYS_OF_MONTH_REQUIRED(400, "rule.daysOfMonth: is required (a list of days of month, 1..31 or -1 for the last day, e.g. [1, 15, -1])"),
    RULE_DAYS_OF_MONTH_NOT_A_LIST(400, "rule.daysOfMonth: {value} is not a list of days of month (1..31, or -1 for the last day), e.g. [1, 15, -1]"),
    RULE_DAYS_OF_MONTH_EMPTY(400, "rule.daysOfMonth: is empty; give at least one day of month (1..31, or -1 for the last day)"),
    RULE_NOT_A_DAY_OF_MONTH(400, "{field}: {value} is not a day of month (1..31, or -1 for the last day)"),
    RULE_DATE_REQUIRED(400, "{field}: is required (a date, YYYY-MM-DD)"),
    RULE_NOT_A_DATE(400, "{field}: {value} is not a date (YYYY-MM-DD)"),
    RULE_EXCEPT_NOT_A_LIST(400, "rule.except: {value} is not a list of dates (YYYY-MM-DD), e.g. [\"2026-12-25\"]"),
    RULE_TOO_MANY_EXCEPT(400, "rule.except: {count} dates given; at most {max} are allowed"),
    QUIET_HOURS_CONFLICT(400, "rule: the schedule falls in quiet hours '{rule}' ({from}–{to}) at station {station} at "
            + "{at} (and {others} other plays); a {priority} bulletin may not play then: change the time or the "
            + "priority"),
    LANGUAGE_UNSUPPORTED(400, "{field}: '{value}' is not a supported language code; one of {allowed} "
            + "(docs/api.md#languages)"),
    NO_VOICE_FOR_LANGUAGE(400, "{field}: text-to-speech has no voice for {language}: record the bulletin and send it "
            + "as audio (voices exist for {voices})"),
    DOES_NOT_EXIST(400, "{field}: {kind} {id} does not exist"),
    NOT_AN_ID(400, "{field}: '{value}' is not an id"),
    TARGETS_EMPTY(400, "targets: name at least one station, area or zone"),
    TARGETS_REACH_NOTHING(400, "targets: no loudspeaker zone is reached (the stations or areas named have no zones)"),
    NOT_A_ZONE_OF_STATION(400, "{field}: zone {zoneId} is not a zone of station {stationId}"),
    ONLY_PROVINCE_AT_TOP(400, "parentId: only a province may be at the top of the tree"),
    AREA_CHANGE_REFUSED(400, "the area change cannot be made: {problems}"),
    INBOX_REFUSED(400, "the bulletin cannot be sent down or answered as asked: {problems}"),
    USERNAME_FORMAT(400, "username: 3–64 characters: letters, digits and . _ @ -"),
    ADMIN_HAS_NO_SCOPE(400, "scopeAreaId: an admin's scope is everything (null)"),
    SCOPE_REQUIRED(400, "scopeAreaId: required for {role} (an area id; only admins have no scope)"),
    WRONG_CURRENT_PASSWORD(400, "current: wrong password"),
    BULLETIN_NOT_APPROVED(400, "{field}: bulletin {id} is {approval} approval and cannot go on air until a "
            + "reviewer approves it"),
    MULTIPART_REQUIRED(400, "send the bulletin as multipart/form-data with fields 'file' and 'title'"),
    MULTIPART_MALFORMED(400, "malformed multipart body: {reason}"),
    FILE_EMPTY(400, "file: the file is empty"),
    MEDIA_REJECTED(400, "file: {reason}"),
    MEDIA_TOO_LARGE(413, "file: {reason}"),
    URL_SCHEME(400, "{field}: '{value}' must start with http:// or https://"),
    URL_NO_HOST(400, "{field}: '{value}' has no host"),
    URL_INVALID(400, "{field}: '{value}' is not a valid address"),
    URL_NOT_ALLOWED(400, "{field}: the controller may not fetch from {host}: it is not a public address, or it "
            + "does not resolve (an admin may allow it: --relay-allow)"),
    GSO_CODE_UNKNOWN(400, "{field}: no area carries the GSO code '{code}', today or before a merger"),
    AUDIO_FETCH_FAILED(400, "audioUrl: the audio could not be fetched: {reason}"),
    ENROLLMENT_BODY(400, "the body must be a loa.v1.EnrollRequest (application/x-protobuf) of at most {maxKib} KiB"),
    ENROLLMENT_MALFORMED(400, "{reason}"),
    ENROLLMENT_TOKEN_UNKNOWN(401, "unknown enrollment token, or a request not signed with it: check that it was "
            + "copied whole, or create a new one"),
    ENROLLMENT_TOKEN_USED(409, "this enrollment token was already used (at {at}); a token works once: create a new "
            + "one for station {stationId}"),
    ENROLLMENT_TOKEN_REVOKED(410, "this enrollment token was cancelled when station {stationId} was revoked (at "
            + "{at}); create a new one"),
    ENROLLMENT_TOKEN_EXPIRED(410, "this enrollment token expired at {at}; create a new one for station {stationId}"),

    // ---- the state of things ----------------------------------------------------------------------
    USERNAME_TAKEN(409, "username: '{username}' is taken"),
    LAST_ADMIN(409, "'{username}' is the last enabled admin: make another admin first"),
    NOT_PENDING(409, "{kind} {id} is {approval}, not PENDING approval"),
    REVIEWED_MEANWHILE(409, "{kind} {id} was reviewed meanwhile"),
    ANNOUNCEMENT_NOT_RUNNING(409, "announcement {id} is no longer running"),
    LIVE_NOT_WAITING(409, "announcement {id} is not a live announcement waiting for audio"),
    STATION_OFFLINE(409, "station {stationId} is offline; remote commands need the station connected"),
    AGENT_WITHOUT_COMMANDS(409, "station {stationId}: its agent does not take remote commands (update it)"),
    AREA_CHANGE_NOT_PENDING(409, "area change {id} is {state}: only a pending change can be cancelled"),
    TOO_MANY_TOKENS(409, "at most {max} API tokens per account: delete some first"),
    LIVE_ON_LEADER_ONLY(503, "a live announcement is spoken on the leading node, {leader}: this node stands by"),
    STOP_ON_LEADER_ONLY(503, "an announcement is stopped on the leading node, {leader}: this node stands by"),
    HANDOVER_NOT_TAKEN(503, "no leading node ({leader}) took the announcement within {seconds} s; nothing was sent: "
            + "send it again"),
    HANDOVER_UNANSWERED(503, "the leading node ({leader}) took the announcement over (hand-over {id}) but did not "
            + "answer within {seconds} s: look at the announcement list before sending it again"),
    LEADER_STOPPED(503, "the leading node stopped while it prepared the announcement"),
    LEADER_FAILED(503, "the leading node could not prepare the announcement: {reason}"),
    LEADER_REFUSED(400, "the leading node refused the announcement: {reason}"),
    SPEECH_UNAVAILABLE(503, "source: {reason}"),
    AUDIO_TOO_LONG_TO_LISTEN(413, "bulletin {id} is too long to listen to in the browser: {reason}"),
    RELEASE_REFUSED(400, "release refused: {reason}"),
    RELEASE_EXISTS(409, "release {version} exists already"),
    ROLLOUT_REFUSED(400, "rollout refused: {reason}"),
    ROLLOUT_STATE(409, "rollout {id} is {state}"),
    /** One error of a hardware file on one of its lines (the agent's own parser's message, docs/configuration.md). */
    HARDWARE_FILE_ERROR(400, "hardware file, line {line}: {message}"),
    /** One error of a hardware file as a whole (a setting missing, no line to point at). */
    HARDWARE_FILE_INCOMPLETE(400, "hardware file: {message}"),
    /** One error of pushed agent settings on one of their lines (the agent's own parser's message). */
    SETTINGS_ERROR(400, "station settings, line {line}: {message}"),
    AGENT_WITHOUT_CONFIG(409, "station {stationId}: its agent does not take pushed configuration (update it)"),
    STORED_AUDIO_UNUSABLE(500, "the stored audio of bulletin {id} is missing or cannot be decoded; see the "
            + "controller log"),

    // ---- refusals once raised as free text (the retired ApiException) ------------------------------
    /** A path parameter that is not an id of its kind (before the scope check knows the kind). */
    NO_SUCH_ID(404, "no such {name}: {value}"),
    NOT_AFTER(400, "{field}: must be after {other}"),
    CAP_ALERT_REQUIRED(400, "the request needs a CAP 1.2 alert (XML) as its body"),
    /** The CAP parser's or signature check's own English text (what is wrong with the XML). */
    CAP_REJECTED(400, "{reason}"),
    CAP_ALERT_NOT_PENDING(409, "CAP alert {id} is {state}, not waiting for approval"),
    /** The command parser's English texts, joined (what is wrong with the command's body). */
    COMMAND_INVALID(400, "{reason}"),
    TOO_MANY_RUNS_OF_SCHEDULE(400, "schedule {id} fires too often in this window; ask for a shorter one"),
    AGENT_WITHOUT_LOCAL_MODE(409, "station {stationId}: its agent cannot switch local mode remotely (update it)"),
    ENROLLMENT_TOKEN_RACED(409, "this enrollment token was just used by another request; create a new one");

    private final int status;
    private final String template;
    private final List<String> params;

    RejectionCode(int status, String template) {
        this.status = status;
        this.template = template;
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(template);
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        this.params = List.copyOf(names);
    }

    /** The HTTP status this refusal is answered with. */
    public int status() {
        return status;
    }

    /** The English text, with {@code {name}} where each parameter goes. */
    public String template() {
        return template;
    }

    /** The parameters' names, in the order {@link #problem} takes their values. */
    public List<String> params() {
        return params;
    }

    /** This refusal with its parameters' values, in the order of {@link #params()}. */
    public Problem problem(Object... values) {
        return Problem.of(this, values);
    }

    /** A rejection of this one problem, to throw. */
    public Rejection reject(Object... values) {
        return new Rejection(problem(values));
    }
}
