package vn.loa.controller.announcement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.leadership.Fence;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.storage.Jdbc;

/**
 * Announcements asked of a standby node, played by the leader (docs/architecture.md#leadership): the
 * standby {@link #handOver}s a request it checked, through the database (a row of
 * {@code announcement_handover} and a change for the leader), and waits for the leader's answer, which
 * its caller gets as if it had asked the leader. The leader {@link #take}s the row by compare-and-set,
 * creates the announcement and answers. A row nobody took within {@link #WAIT} is withdrawn by its
 * standby, so it never plays late; a node that takes the lease over plays the rows still {@link #waiting}.
 */
public final class AnnouncementHandOvers {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementHandOvers.class);
    /** How long a standby waits for a leader to take a request: longer than a take-over after a leader died. */
    public static final Duration WAIT = Duration.ofSeconds(20);
    /** Once taken, how much longer it waits for the answer (the leader prepares the audio). */
    static final Duration ANSWER_GRACE = Duration.ofSeconds(15);
    private static final long POLL_MS = 100;
    private static final int REFUSAL_CHARS = 5_000;

    /** A row's state; only the leader moves it from WAITING to TAKEN, only the standby from WAITING to EXPIRED. */
    enum State {
        WAITING, TAKEN, CREATED, REFUSED, EXPIRED
    }

    /** The leader's answer as read by the standby. */
    private record Answer(State state, Long announcementId, String refusal, boolean unavailable) {
    }

    /** How the leader creates a handed-over request (the service's own creation, without the hand-over). */
    @FunctionalInterface
    interface Creator {
        long create(AnnouncementService.Request r) throws IOException, InterruptedException;
    }

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final String node;
    private final Duration wait;
    private volatile LongConsumer publish = id -> { };
    private volatile Supplier<String> leader = () -> "?";
    private volatile Fence fence = Fence.NONE;

    /**
     * @param node this node's id (written in the rows it hands over or takes)
     * @param wait how long a standby waits for a leader to take a request ({@link #WAIT}; tests shorten it)
     */
    public AnnouncementHandOvers(Jdbc jdbc, ObjectMapper json, Clock clock, String node, Duration wait) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.node = node;
        this.wait = wait;
    }

    /**
     * Wiring: {@code publish} tells the leader a row is waiting (the change feed); {@code leader} names the
     * leading node in a refusal; {@code fence} guards the leader's claim of a row.
     */
    public void connect(LongConsumer publish, Supplier<String> leader, Fence fence) {
        this.publish = publish;
        this.leader = leader;
        this.fence = fence;
    }

    /** The leading node, as a person reads it in a refusal. */
    String leader() {
        return leader.get();
    }

    /** On a standby: hands a checked request to the leader and returns the id of the announcement it created. */
    long handOver(AnnouncementService.Request r) throws InterruptedException {
        String request;
        try {
            request = json.writeValueAsString(HandOverRequest.of(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the announcement request '" + r.title() + "' could not be written down", e);
        }
        long id = jdbc.insert("INSERT INTO announcement_handover (request_json, from_node, state, unavailable, created_at) "
                + "VALUES (?, ?, 'WAITING', FALSE, ?)", request, node, clock.instant());
        publish.accept(id);
        log.info("announcement '{}' ({}) asked of standby node {}: handed to the leader {} (hand-over {})", r.title(),
                r.priority(), node, leader(), id);
        long began = System.nanoTime();
        while (true) {
            Answer a = answer(id);
            switch (a.state()) {
                case CREATED -> {
                    log.info("hand-over {}: the leader created announcement {}", id, a.announcementId());
                    return a.announcementId();
                }
                case REFUSED -> throw refusal(a);
                case EXPIRED -> throw notTaken(id);
                case WAITING, TAKEN -> { }
            }
            long waited = System.nanoTime() - began;
            if (a.state() == State.WAITING && waited > wait.toNanos() && withdraw(id)) {
                throw notTaken(id);
            }
            if (waited > wait.plus(ANSWER_GRACE).toNanos()) {
                throw RejectionCode.HANDOVER_UNANSWERED.reject(leader(), id, wait.plus(ANSWER_GRACE).toSeconds());
            }
            Thread.sleep(POLL_MS);
        }
    }

    private Rejection notTaken(long id) {
        log.warn("hand-over {}: no leader took it within {} s; withdrawn, nothing was sent", id, wait.toSeconds());
        return RejectionCode.HANDOVER_NOT_TAKEN.reject(leader(), wait.toSeconds());
    }

    /**
     * The leader's refusal as its caller would have had it: the problems the leader wrote (codes and parameters,
     * as JSON); a refusal that is not such a list (written by an older node, or cut at its length) is named whole.
     */
    private Rejection refusal(Answer a) {
        try {
            List<Problem> problems = new ArrayList<>();
            for (JsonNode p : json.readTree(a.refusal())) {
                Map<String, Object> params = json.convertValue(p.get("params"), new TypeReference<>() { });
                problems.add(new Problem(RejectionCode.valueOf(p.get("code").asText()), params));
            }
            return new Rejection(problems);
        } catch (IOException | RuntimeException e) {
            return (a.unavailable() ? RejectionCode.LEADER_FAILED : RejectionCode.LEADER_REFUSED).reject(a.refusal());
        }
    }

    /** The problems of a refusal as the standby reads them back ({@link #refusal}). */
    private String written(Rejection r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Problem p : r.problems()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("code", p.code().name());
            one.put("params", p.jsonParams());
            out.add(one);
        }
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            return r.getMessage();
        }
    }

    private Answer answer(long id) {
        return jdbc.queryOne("SELECT state, announcement_id, refusal, unavailable FROM announcement_handover WHERE id = ?",
                rs -> new Answer(State.valueOf(rs.getString("state")), Jdbc.nullableLong(rs, "announcement_id"),
                        rs.getString("refusal"), rs.getBoolean("unavailable")), id)
                .orElseThrow(() -> new IllegalStateException("hand-over " + id + " vanished while its standby waited"));
    }

    /** True when the row was still WAITING and is now withdrawn: no leader will play it. */
    private boolean withdraw(long id) {
        return jdbc.update("UPDATE announcement_handover SET state = 'EXPIRED', answered_at = ? WHERE id = ? AND state = "
                + "'WAITING'", clock.instant(), id) == 1;
    }

    /** On the leader: the rows still waiting (those handed over before this node took the lease over), oldest first. */
    public List<Long> waiting() {
        return jdbc.query("SELECT id FROM announcement_handover WHERE state = 'WAITING' ORDER BY id", rs -> rs.getLong(1));
    }

    /** On the leader: takes the row if it still waits, creates its announcement and answers. Blocking. */
    void take(long id, Creator creator) {
        Optional<String> request = claim(id);
        if (request.isEmpty()) {
            log.debug("hand-over {} was taken or withdrawn already", id);
            return;
        }
        try {
            AnnouncementService.Request r = json.readValue(request.get(), HandOverRequest.class).toRequest();
            long announcement = creator.create(r);
            answer(id, State.CREATED, announcement, null, false);
            log.info("hand-over {}: announcement {} '{}' created for the standby that was asked", id, announcement,
                    r.title());
        } catch (Rejection e) {
            log.warn("hand-over {}: refused on the leader: {}", id, e.getMessage());
            answer(id, State.REFUSED, null, written(e), e.status() >= 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(id, State.REFUSED, null, written(RejectionCode.LEADER_STOPPED.reject()), true);
        } catch (IOException | RuntimeException e) {
            log.error("hand-over {}: the leader could not create the announcement: {}", id, e.toString(), e);
            answer(id, State.REFUSED, null, written(RejectionCode.LEADER_FAILED.reject(String.valueOf(e.getMessage()))),
                    true);
        }
    }

    /** WAITING → TAKEN under this node's fence; the request when this node got it. */
    private Optional<String> claim(long id) {
        return Optional.ofNullable(jdbc.inTransaction(c -> {
            fence.check(c);
            if (Jdbc.update(c, "UPDATE announcement_handover SET state = 'TAKEN', taken_by = ? WHERE id = ? AND state = "
                    + "'WAITING'", node, id) != 1) {
                return null;
            }
            return Jdbc.query(c, "SELECT request_json FROM announcement_handover WHERE id = ?", rs -> rs.getString(1), id)
                    .getFirst();
        }));
    }

    private void answer(long id, State state, Long announcementId, String refusal, boolean unavailable) {
        String text = refusal == null || refusal.length() <= REFUSAL_CHARS ? refusal
                : refusal.substring(0, REFUSAL_CHARS - 1) + "…";
        jdbc.update("UPDATE announcement_handover SET state = ?, announcement_id = ?, refusal = ?, unavailable = ?, "
                + "answered_at = ? WHERE id = ?", state.name(), announcementId, text, unavailable, clock.instant(), id);
    }
}
