package vn.loa.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.LoaController;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.station.StationService;
import vn.loa.controller.storage.Jdbc;

/**
 * Fills an empty controller with Lạng Sơn: the province, its 11 district-level units and 200
 * commune-level units of 2020 (from the statistics office's list), and 37 commune stations with 2–6
 * village zones each — the five communes named in the province's 2020 report among them. Each
 * demo station's credentials go to {@code <data>/agents/<id>/agent.properties}.
 */
public final class DemoSeeder {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    public static final int STATIONS = 37;
    /** Named in the 2020 report of Lạng Sơn's Department of Information and Communications. */
    static final List<String> NAMED_COMMUNES = List.of("Xã Đội Cấn", "Xã Hòa Lạc", "Xã Kiên Mộc", "Xã Tú Xuyên",
            "Xã Hữu Lễ");

    private DemoSeeder() {
    }

    /** @param tlsIdentity the station's enrolled identity file when the agent port requires mutual TLS, else null */
    public record DemoStation(long id, String name, String secret, Path agentDir, Path tlsIdentity) {
        public DemoStation(long id, String name, String secret, Path agentDir) {
            this(id, name, secret, agentDir, null);
        }
    }

    record CommuneRow(String district, String districtCode, String commune, String code, String kind, Double lat,
            Double lon) {
    }

    /**
     * Seeds on first start; on later starts reads back the stations it made. When the agent port
     * requires mutual TLS, every station without a certificate is enrolled the way a technician would
     * do it: a one-time token from the controller, then the agent's own enrollment over HTTP(S).
     */
    public static List<DemoStation> seedIfEmpty(LoaController controller, Path dataDir) throws IOException {
        List<DemoStation> stations = seedOrLoad(controller, dataDir);
        return controller.pki().agentTls() == null ? stations : enrollAll(controller, stations);
    }

    private static List<DemoStation> enrollAll(LoaController controller, List<DemoStation> stations) throws IOException {
        String host = controller.config().httpHost();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        java.net.URI base = java.net.URI.create((controller.pki().httpsContext() != null ? "https" : "http") + "://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + controller.httpPort());
        List<DemoStation> out = new ArrayList<>();
        int enrolled = 0;
        for (DemoStation s : stations) {
            if (!vn.loa.agent.pki.StationIdentity.exists(s.agentDir())) {
                var token = controller.pki().enrollment().createToken(s.id(), null, null);
                try {
                    vn.loa.agent.pki.Enroller.enroll(base, token.token(), s.agentDir());
                } catch (vn.loa.agent.pki.Enroller.EnrollmentException e) {
                    throw new IOException("demo station " + s.id() + " could not enroll: " + e.getMessage(), e);
                }
                enrolled++;
            }
            out.add(new DemoStation(s.id(), s.name(), s.secret(), s.agentDir(),
                    vn.loa.agent.pki.StationIdentity.file(s.agentDir())));
        }
        if (enrolled > 0) {
            log.info("demo: {} stations enrolled through {}/api/v1/enroll", enrolled, base);
        }
        return out;
    }

    private static List<DemoStation> seedOrLoad(LoaController controller, Path dataDir) throws IOException {
        Path agentsDir = dataDir.resolve("agents");
        if (controller.stations().count() > 0) {
            return load(agentsDir);
        }
        List<CommuneRow> rows = readCsv();
        Jdbc jdbc = new Jdbc(controller.database());
        Map<String, Long> communeAreaIds = jdbc.inTransaction(c -> {
            long province = AreaRepository.insert(c, null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, "20", null, null);
            Map<String, Long> districts = new LinkedHashMap<>();
            Map<String, Long> communes = new LinkedHashMap<>();
            for (CommuneRow r : rows) {
                Long district = districts.get(r.districtCode());
                if (district == null) {
                    district = AreaRepository.insert(c, province, r.district(), AreaKind.DISTRICT, r.districtCode(), null, null);
                    districts.put(r.districtCode(), district);
                }
                communes.put(r.code(), AreaRepository.insert(c, district, r.commune(), AreaKind.COMMUNE, r.code(),
                        r.lat(), r.lon()));
            }
            return communes;
        });
        List<CommuneRow> chosen = choose(rows);
        StationService service = controller.stationService();
        List<DemoStation> out = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            CommuneRow commune = chosen.get(i);
            long communeArea = communeAreaIds.get(commune.code());
            int zoneCount = 2 + (i * 7 + 3) % 5;
            List<StationRepository.NewZone> zones = new ArrayList<>();
            for (int z = 1; z <= zoneCount; z++) {
                long village = controller.areas().insert(communeArea, "Thôn " + z, AreaKind.VILLAGE, null);
                zones.add(new StationRepository.NewZone("Cụm loa thôn " + z, village));
            }
            String name = "Đài truyền thanh " + commune.commune().replaceFirst("^Xã ", "xã ")
                    .replaceFirst("^Phường ", "phường ").replaceFirst("^Thị trấn ", "thị trấn ");
            var created = service.create(name, communeArea, zones);
            Path agentDir = agentsDir.resolve(Long.toString(created.station().id()));
            writeCredentials(agentDir, created.station().id(), created.secret());
            out.add(new DemoStation(created.station().id(), name, created.secret(), agentDir));
        }
        log.info("demo data: {} communes of Lạng Sơn (2020), {} stations", rows.size(), out.size());
        DemoHistory.apply(jdbc, controller.areas(), controller.stations(), vn.loa.controller.web.Json.mapper());
        return out;
    }

    /** The named communes first, then communes taken in turn from each district. */
    static List<CommuneRow> choose(List<CommuneRow> rows) {
        List<CommuneRow> chosen = new ArrayList<>();
        for (String name : NAMED_COMMUNES) {
            rows.stream().filter(r -> r.commune().equals(name)).findFirst().ifPresent(chosen::add);
        }
        Map<String, List<CommuneRow>> byDistrict = new LinkedHashMap<>();
        for (CommuneRow r : rows) {
            if (!chosen.contains(r)) {
                byDistrict.computeIfAbsent(r.districtCode(), k -> new ArrayList<>()).add(r);
            }
        }
        int round = 0;
        while (chosen.size() < STATIONS) {
            boolean any = false;
            for (List<CommuneRow> list : byDistrict.values()) {
                int idx = round * 3 + 1;
                if (idx < list.size() && chosen.size() < STATIONS) {
                    chosen.add(list.get(idx));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
            round++;
        }
        return chosen;
    }

    static List<CommuneRow> readCsv() throws IOException {
        try (InputStream in = DemoSeeder.class.getResourceAsStream("/demo/langson_2020.csv")) {
            if (in == null) {
                throw new IOException("demo data langson_2020.csv missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<CommuneRow> rows = new ArrayList<>();
            String header = r.readLine();
            if (header == null || !header.startsWith("district,district_code,commune,commune_code,kind,lat,lon")) {
                throw new IOException("unexpected header in langson_2020.csv: " + header);
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                if (f.length < 7) {
                    continue;
                }
                rows.add(new CommuneRow(f[0], f[1], f[2], f[3], f[4], parse(f[5]), parse(f[6])));
            }
            return rows;
        }
    }

    private static Double parse(String s) {
        return s == null || s.isBlank() ? null : Double.valueOf(s);
    }

    private static void writeCredentials(Path agentDir, long id, String secret) throws IOException {
        Files.createDirectories(agentDir);
        Properties p = new Properties();
        p.setProperty("station", Long.toString(id));
        p.setProperty("secret", secret);
        Path file = agentDir.resolve("agent.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "demo station credentials");
        }
        try {
            Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException e) {
            log.debug("cannot restrict permissions of {}", file);
        }
    }

    private static List<DemoStation> load(Path agentsDir) throws IOException {
        List<DemoStation> out = new ArrayList<>();
        if (!Files.isDirectory(agentsDir)) {
            return out;
        }
        try (var dirs = Files.list(agentsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path file = dir.resolve("agent.properties");
                if (Files.exists(file)) {
                    Properties p = new Properties();
                    try (InputStream in = Files.newInputStream(file)) {
                        p.load(in);
                    }
                    long id = Long.parseLong(p.getProperty("station"));
                    out.add(new DemoStation(id, "station " + id, p.getProperty("secret"), dir));
                }
            }
        }
        return out;
    }
}
