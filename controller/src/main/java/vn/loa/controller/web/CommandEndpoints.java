package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.NoSuchElementException;
import vn.loa.controller.command.CommandRequestParser;
import vn.loa.controller.command.CommandService;
import vn.loa.controller.command.StationCommand;
import vn.loa.controller.command.StationOfflineException;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;
import vn.loa.controller.station.Station;

/**
 * Remote commands: {@code POST /api/v1/stations/{id}/commands} {"type": "TEST_TONE", "zoneId": …, "seconds": …}
 * → 202 {"id"}; {@code GET /api/v1/commands/{id}} → its state and result; {@code GET
 * /api/v1/stations/{id}/commands} → the station's recent commands. Technicians and admins only.
 */
public final class CommandEndpoints {
    private final CommandService commands;
    private final ScopeGuard scopes;

    public CommandEndpoints(CommandService commands, ScopeGuard scopes) {
        this.commands = commands;
        this.scopes = scopes;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/stations/{id}/commands", this::submit);
        router.add(HttpMethod.GET, "/api/v1/stations/{id}/commands", this::ofStation);
        router.add(HttpMethod.GET, "/api/v1/commands/{id}", this::one);
    }

    private ApiResponse submit(ApiRequest r) {
        if (!r.account().role().mayManageStations()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_TECHNICIAN, Action.SEND_COMMANDS);
        }
        long id = r.pathId("id");
        scopes.of(r.account()).requireStation(id);
        StationCommand c;
        try {
            JsonNode body = r.jsonBody();
            Station station = commands.station(id);
            c = commands.submit(station.id(), CommandRequestParser.parse(body, station), r.account().username());
        } catch (NoSuchElementException e) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.STATION, id);
        } catch (StationOfflineException e) {
            throw new Rejection(e.problem());
        } catch (IllegalArgumentException e) {
            throw RejectionCode.COMMAND_INVALID.reject(e.getMessage());
        }
        return new ApiResponse(HttpResponseStatus.ACCEPTED, commands.view(c), null, null,
                new java.util.LinkedHashMap<>()).withHeader("Location", "/api/v1/commands/" + c.id());
    }

    private ApiResponse ofStation(ApiRequest r) {
        long id = r.pathId("id");
        scopes.of(r.account()).requireStation(id);
        return ApiResponse.ok(commands.ofStation(id, 100).stream().map(commands::view).toList());
    }

    private ApiResponse one(ApiRequest r) {
        long id = r.pathId("id");
        StationCommand c = commands.find(id).filter(x -> scopes.of(r.account()).stationVisible(x.stationId()))
                .orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.COMMAND, id));
        return ApiResponse.ok(commands.view(c));
    }
}
