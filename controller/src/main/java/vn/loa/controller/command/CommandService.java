package vn.loa.controller.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.events.EventHub;
import vn.loa.controller.link.PresenceListener;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.Envelope;

/**
 * Sends remote commands to connected stations and records what comes back. Every command ends in a
 * final state: the agent's answer, TIMED_OUT past its deadline, or LINK_LOST when the link drops first.
 */
public final class CommandService implements PresenceListener {
    private static final Logger log = LoggerFactory.getLogger(CommandService.class);

    private final CommandRepository repository;
    private final StationRepository stations;
    private final StationLinks links;
    private final EventHub events;
    private final ExecutorService blocking;
    private final ObjectMapper json;
    private final Clock clock;

    public CommandService(CommandRepository repository, StationRepository stations, StationLinks links,
            EventHub events, ExecutorService blocking, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.stations = stations;
        this.links = links;
        this.events = events;
        this.blocking = blocking;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The station a command is for, to read the request against ({@link CommandRequestParser}).
     *
     * @throws java.util.NoSuchElementException when there is no such station
     */
    public Station station(long stationId) {
        return stations.find(stationId).orElseThrow(
                () -> new java.util.NoSuchElementException("no such station: " + stationId));
    }

    /**
     * @throws StationOfflineException   when the station is not connected
     */
    public StationCommand submit(long stationId, CommandRequest request, String requestedBy) {
        StationLink link = links.link(stationId).orElseThrow(() -> new StationOfflineException(stationId));
        if (!link.supports(vn.loa.protocol.ProtocolVersion.CAP_COMMAND_V1)) {
            throw new StationOfflineException(stationId,
                    RejectionCode.AGENT_WITHOUT_COMMANDS);
        }
        if (request.type() == CommandType.SET_LOCAL_MODE
                && !link.supports(vn.loa.protocol.ProtocolVersion.CAP_LOCAL_MODE_V1)) {
            throw new StationOfflineException(stationId,
                    RejectionCode.AGENT_WITHOUT_LOCAL_MODE);
        }
        Instant now = clock.instant();
        long id = repository.insert(stationId, request.type(), write(request.params()), requestedBy, now,
                now.plusSeconds(request.timeoutSeconds()));
        Envelope envelope = Envelope.newBuilder().setCommand(request.command().setCommandId(Long.toString(id))).build();
        link.send(envelope).whenComplete((sent, failure) -> {
            if (failure != null) {
                blocking.execute(() -> finish(id, CommandState.LINK_LOST, "could not send: " + failure, null));
            }
        });
        log.info("station {}: command {} {} sent by {} {}", stationId, id, request.type(), requestedBy,
                request.params());
        StationCommand c = repository.find(id).orElseThrow();
        publish(c);
        return c;
    }

    /** On the station's event loop: hands the result to the blocking executor. */
    public void onResult(StationLink link, CommandResult result) {
        blocking.execute(() -> record(link.stationId(), result));
    }

    private void record(long stationId, CommandResult r) {
        long id;
        try {
            id = Long.parseLong(r.getCommandId());
        } catch (NumberFormatException e) {
            log.warn("station {}: a command result for an unknown command id '{}'", stationId, r.getCommandId());
            return;
        }
        Optional<StationCommand> c = repository.find(id);
        if (c.isEmpty() || c.get().stationId() != stationId) {
            log.warn("station {}: a command result for command {}, which is not this station's", stationId, id);
            return;
        }
        CommandState state = switch (r.getStatus()) {
            case ACCEPTED -> CommandState.RUNNING;
            case SUCCEEDED -> CommandState.SUCCEEDED;
            case FAILED -> CommandState.FAILED;
            case REJECTED -> CommandState.REJECTED;
            case STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        if (state == null) {
            log.warn("station {}: command {}: a result without a status", stationId, id);
            return;
        }
        finish(id, state, r.getMessage(), write(ResultView.of(r)));
    }

    private void finish(long id, CommandState state, String message, String resultJson) {
        if (repository.update(id, state, message, resultJson, clock.instant())) {
            StationCommand c = repository.find(id).orElseThrow();
            log.info("station {}: command {} {}: {}", c.stationId(), id, state, message);
            publish(c);
        }
    }

    /** Commands past their deadline end TIMED_OUT. */
    public void tick() {
        Instant now = clock.instant();
        for (StationCommand c : repository.unfinished()) {
            if (now.isAfter(c.deadlineAt())) {
                finish(c.id(), CommandState.TIMED_OUT, "no answer from the station by " + c.deadlineAt(), null);
            }
        }
    }

    @Override
    public void online(StationLink link) {
        // nothing to do: commands are never queued for later
    }

    @Override
    public void offline(StationLink link, Instant at) {
        long stationId = link.stationId();
        blocking.execute(() -> {
            for (StationCommand c : repository.unfinished()) {
                if (c.stationId() == stationId) {
                    finish(c.id(), CommandState.LINK_LOST, "the link to the station closed at " + at
                            + " before the result came", null);
                }
            }
        });
    }

    public Optional<StationCommand> find(long id) {
        return repository.find(id);
    }

    public java.util.List<StationCommand> ofStation(long stationId, int limit) {
        return repository.ofStation(stationId, limit);
    }

    /** The API's view of a command. */
    public Map<String, Object> view(StationCommand c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("stationId", c.stationId());
        m.put("type", c.type().name());
        m.put("params", read(c.paramsJson()));
        m.put("state", c.state().name());
        m.put("message", c.message());
        m.put("result", c.resultJson() == null ? null : read(c.resultJson()));
        m.put("requestedBy", c.requestedBy());
        m.put("requestedAt", c.requestedAt().toString());
        m.put("deadlineAt", c.deadlineAt().toString());
        m.put("updatedAt", c.updatedAt().toString());
        return m;
    }

    private void publish(StationCommand c) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", c.id());
        e.put("stationId", c.stationId());
        e.put("type", c.type().name());
        e.put("state", c.state().name());
        e.put("message", c.message());
        events.publish("command", e);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a command as JSON", e);
        }
    }

    /** Stored JSON as plain maps and lists, for the API's view. */
    private Object read(String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored command JSON is unreadable", e);
        }
    }
}
