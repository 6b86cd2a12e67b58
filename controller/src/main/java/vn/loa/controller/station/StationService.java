package vn.loa.controller.station;

import java.util.List;
import vn.loa.controller.account.Tokens;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;

/** Registers stations; each gets a secret shown once, under which its agent connects. */
public final class StationService {
    private final StationRepository stations;
    private final AreaRepository areas;
    private final Tokens tokens;

    public StationService(StationRepository stations, AreaRepository areas, Tokens tokens) {
        this.stations = stations;
        this.areas = areas;
        this.tokens = tokens;
    }

    public record Created(Station station, String secret) {
    }

    /** @throws vn.loa.controller.rejection.Rejection (DOES_NOT_EXIST) when an area it names does not exist */
    public Created create(String name, long areaId, List<StationRepository.NewZone> zones) {
        AreaTree tree = new AreaTree(areas.findAll());
        if (!tree.contains(areaId)) {
            throw RejectionCode.DOES_NOT_EXIST.reject("areaId", ObjectKind.AREA, areaId);
        }
        for (var z : zones) {
            if (z.areaId() != null && !tree.contains(z.areaId())) {
                throw RejectionCode.DOES_NOT_EXIST.reject("zones", ObjectKind.AREA, z.areaId());
            }
        }
        String secret = tokens.newToken();
        long id = stations.create(name, areaId, Tokens.sha256Hex(secret), zones);
        return new Created(stations.find(id).orElseThrow(), secret);
    }
}
