package vn.loa.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.change.AreaChange;
import vn.loa.controller.area.change.AreaChangeService;
import vn.loa.controller.area.change.ChangeKind;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Jdbc;

/**
 * Takes the seeded 2020 tree of Lạng Sơn through its two reorganisations, as area changes: the
 * 1 December 2024 step (NQ 1246: merges, one split, one re-coding) and the 1 July 2025 one (NQ 1672:
 * 200 communes into 65 units directly under the province, three communes split between two units,
 * the 11 districts retired). The demo so starts on today's map and keeps the earlier ones as history.
 */
final class DemoHistory {
    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    static final LocalDate STEP_2024 = LocalDate.of(2024, 12, 1);
    static final LocalDate STEP_2025 = LocalDate.of(2025, 7, 1);
    private static final Pattern UNIT = Pattern.compile("^(.+) \\((\\d+)\\)$");
    private static final Pattern MERGED = Pattern.compile("^2024-12-01: merged into (.+)$");
    private static final Pattern SPLIT = Pattern.compile("^2024-12-01: split: .* to (.+), remainder merged into (.+)$");
    private static final Pattern RECODED = Pattern.compile("^2024-12-01: kept as .*, re-coded (\\d+).*$");

    /** One line of langson_2020_to_2025.csv; {@code units2025} has two entries for a split. */
    record Mapping(String districtCode, String code, String commune, String change2024, List<String> units2025) {
    }

    private DemoHistory() {
    }

    static void apply(Jdbc jdbc, AreaRepository areas, StationRepository stations, com.fasterxml.jackson.databind.ObjectMapper json)
            throws IOException {
        List<Mapping> rows = read();
        AreaChangeService changes = new AreaChangeService(jdbc, json, Clock.systemUTC());
        Map<String, Long> byCode = new HashMap<>();
        Map<Long, String> districtOf = new HashMap<>();
        long province = 0;
        for (Area a : areas.findAll()) {
            if (a.kind() == AreaKind.COMMUNE) {
                byCode.put(a.code(), a.id());
            } else if (a.kind() == AreaKind.PROVINCE) {
                province = a.id();
            }
        }
        for (Mapping m : rows) {
            districtOf.put(byCode.get(m.code()), m.districtCode());
        }
        step2024(changes, areas, stations, rows, byCode, districtOf);
        int units = step2025(changes, areas, stations, rows, byCode, province);
        for (Area a : areas.findAll()) {
            if (a.kind() == AreaKind.DISTRICT) {
                changes.apply(new AreaChange.Retire(STEP_2025, a.id()), null);
            }
        }
        log.info("demo data: Lạng Sơn taken through 2024-12-01 and 2025-07-01 to {} units", units);
    }

    /** 2024-12-01: the merges and the split first, then the re-coding (it takes the code of a unit ending that day). */
    private static void step2024(AreaChangeService changes, AreaRepository areas, StationRepository stations,
            List<Mapping> rows, Map<String, Long> byCode, Map<Long, String> districtOf) throws IOException {
        // 2024: merges and the split first, then the re-coding (it takes the code of a unit that ends that day)
        List<Mapping> recoded = new ArrayList<>();
        for (Mapping m : rows) {
            if (m.change2024().isEmpty()) {
                continue;
            }
            long id = byCode.get(m.code());
            Matcher merged = MERGED.matcher(m.change2024());
            Matcher split = SPLIT.matcher(m.change2024());
            if (split.matches()) {
                List<AreaChange.Successor> parts = List.of(
                        new AreaChange.Existing(named(areas, split.group(1), m.districtCode(), districtOf)),
                        new AreaChange.Existing(named(areas, split.group(2), m.districtCode(), districtOf)));
                changes.apply(new AreaChange.Reorganise(STEP_2024, ChangeKind.SPLIT, List.of(id), parts,
                        alternate(areas, stations, id, 0)), null);
            } else if (merged.matches()) {
                changes.apply(new AreaChange.Reorganise(STEP_2024, ChangeKind.MERGE, List.of(id), List.of(
                        new AreaChange.Existing(named(areas, merged.group(1), m.districtCode(), districtOf))),
                        AreaChange.Assignment.NONE), null);
            } else if (RECODED.matcher(m.change2024()).matches()) {
                recoded.add(m);
            } else {
                throw new IOException("langson_2020_to_2025.csv: cannot read the 2024 change of " + m.commune() + ": "
                        + m.change2024());
            }
        }
        for (Mapping m : recoded) {
            Matcher r = RECODED.matcher(m.change2024());
            r.matches();
            long id = byCode.get(m.code());
            changes.apply(new AreaChange.Rename(STEP_2024, id, m.commune(), r.group(1)), null);
        }
    }

    /** 2025-07-01: the new communes; @return how many 2025 units there are */
    private static int step2025(AreaChangeService changes, AreaRepository areas, StationRepository stations,
            List<Mapping> rows, Map<String, Long> byCode, long province) {
        // 2025: every unit alive on 30 June 2025 goes into its 2025 unit; split ones after the units exist
        Map<String, List<Long>> predecessors = new LinkedHashMap<>();
        List<Mapping> splits = new ArrayList<>();
        for (Mapping m : rows) {
            long id = byCode.get(m.code());
            if (!areas.history().lifespan(id).current()) {
                continue; // ended in 2024; its successor carries on
            }
            if (m.units2025().size() > 1) {
                splits.add(m);
            } else {
                predecessors.computeIfAbsent(m.units2025().get(0), k -> new ArrayList<>()).add(id);
            }
        }
        Map<String, Long> units = new HashMap<>();
        for (var e : predecessors.entrySet()) {
            Matcher u = unit(e.getKey());
            long id = changes.apply(new AreaChange.Reorganise(STEP_2025, ChangeKind.MERGE, e.getValue(),
                    List.of(new AreaChange.NewUnit(u.group(1), u.group(2), AreaKind.COMMUNE, province)),
                    AreaChange.Assignment.NONE), null).successorIds().get(0);
            units.put(e.getKey(), id);
        }
        for (Mapping m : splits) {
            List<AreaChange.Successor> parts = new ArrayList<>();
            int own = 0;
            for (int i = 0; i < m.units2025().size(); i++) {
                String key = m.units2025().get(i);
                Long id = units.get(key);
                if (id == null) {
                    Matcher u = unit(key);
                    id = areas.insert(province, u.group(1), AreaKind.COMMUNE, u.group(2), STEP_2025);
                    units.put(key, id);
                }
                parts.add(new AreaChange.Existing(id));
                if (unit(key).group(1).equals(m.commune())) {
                    own = i; // the station stays with the unit that kept the commune's name
                }
            }
            long id = byCode.get(m.code());
            changes.apply(new AreaChange.Reorganise(STEP_2025, ChangeKind.SPLIT, List.of(id), parts,
                    alternate(areas, stations, id, own)), null);
        }
        return units.size();
    }

    /** A split's assignment: villages alternate between the two parts, stations go to part {@code stationsTo}. */
    private static AreaChange.Assignment alternate(AreaRepository areas, StationRepository stations, long commune,
            int stationsTo) {
        Map<Long, Integer> villages = new HashMap<>();
        int i = 0;
        for (Area a : areas.findAll()) {
            if (a.parentId() != null && a.parentId() == commune) {
                villages.put(a.id(), i++ % 2);
            }
        }
        Map<Long, Integer> moved = new HashMap<>();
        Map<Long, Integer> zones = new HashMap<>();
        for (Station s : stations.findAll()) {
            if (s.areaId() == commune) {
                moved.put(s.id(), stationsTo);
            }
            s.zones().stream().filter(z -> z.areaId() != null && z.areaId() == commune)
                    .forEach(z -> zones.put(z.id(), stationsTo));
        }
        return new AreaChange.Assignment(villages, moved, zones, Map.of());
    }

    private static long named(AreaRepository areas, String name, String districtCode, Map<Long, String> districtOf)
            throws IOException {
        for (Area a : areas.findAll()) {
            if (a.kind() == AreaKind.COMMUNE && a.name().equalsIgnoreCase(name.strip())
                    && districtCode.equals(districtOf.get(a.id()))) {
                return a.id();
            }
        }
        throw new IOException("langson_2020_to_2025.csv: no commune '" + name + "' in district " + districtCode);
    }

    private static Matcher unit(String text) {
        Matcher m = UNIT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a 2025 unit like 'Xã Kiên Mộc (06625)': " + text);
        }
        return m;
    }

    static List<Mapping> read() throws IOException {
        try (InputStream in = DemoHistory.class.getResourceAsStream("/demo/langson_2020_to_2025.csv")) {
            if (in == null) {
                throw new IOException("demo data langson_2020_to_2025.csv missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            if (header == null || !header.startsWith("district_code,commune_code,commune,change_2024,unit_2025")) {
                throw new IOException("unexpected header in langson_2020_to_2025.csv: " + header);
            }
            List<Mapping> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                List<String> f = fields(line);
                if (f.size() >= 5) {
                    rows.add(new Mapping(f.get(0), f.get(1), f.get(2), f.get(3),
                            List.of(f.get(4).split(" / "))));
                }
            }
            return rows;
        }
    }

    /** The fields of one CSV line (RFC 4180 quoting; no field of this file spans lines). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
