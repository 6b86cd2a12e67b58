package vn.loa.controller.station;

import java.util.List;
import vn.loa.controller.account.Tokens;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;

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

    /** @throws IllegalArgumentException with the reasons when the station cannot be created */
    public Created create(String name, long areaId, List<StationRepository.NewZone> zones) {
        AreaTree tree = new AreaTree(areas.findAll());
        if (!tree.contains(areaId)) {
            throw new IllegalArgumentException("areaId: area " + areaId + " does not exist");
        }
        for (var z : zones) {
            if (z.areaId() != null && !tree.contains(z.areaId())) {
                throw new IllegalArgumentException("zones: area " + z.areaId() + " does not exist");
            }
        }
        String secret = tokens.newToken();
        long id = stations.create(name, areaId, Tokens.sha256Hex(secret), zones);
        return new Created(stations.find(id).orElseThrow(), secret);
    }
}
