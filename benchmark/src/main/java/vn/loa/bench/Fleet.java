package vn.loa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.loa.bench.load.StationCredential;

/**
 * N stations created through the real API (one province, one commune, one zone per station), their
 * secrets kept in {@code fleet.tsv} beside the controller's data so that a rerun on the same work
 * directory skips the creation (which rebuilds every plan per station: O(N²), minutes at 10,000).
 */
public record Fleet(String password, long provinceId, long communeId, List<StationCredential> stations) {
    private static final String FILE = "fleet.tsv";

    /** The fleet saved in this directory, or none. */
    public static Fleet load(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        String password = null;
        long province = 0;
        long commune = 0;
        List<StationCredential> stations = new ArrayList<>();
        for (String line : lines) {
            String[] p = line.split("\t");
            switch (p[0]) {
                case "password" -> password = p[1];
                case "province" -> province = Long.parseLong(p[1]);
                case "commune" -> commune = Long.parseLong(p[1]);
                case "station" -> stations.add(new StationCredential(Long.parseLong(p[1]), p[2]));
                default -> throw new IOException(f + ": unknown line '" + p[0] + "'");
            }
        }
        if (password == null || commune == 0) {
            throw new IOException(f + " is incomplete; delete the work directory " + dir + " and rerun");
        }
        return new Fleet(password, province, commune, stations);
    }

    public static String newPassword() {
        return "bench-" + UUID.randomUUID();
    }

    /** Signs in and adds stations until there are {@code n}; saves after each batch. */
    public static Fleet ensure(Api api, Path dir, String password, Fleet existing, int n) throws IOException, InterruptedException {
        api.signIn("admin", password);
        long province;
        long commune;
        List<StationCredential> stations = new ArrayList<>();
        if (existing != null) {
            province = existing.provinceId();
            commune = existing.communeId();
            stations.addAll(existing.stations());
        } else {
            province = api.post("/api/v1/areas", Map.of("name", "Tỉnh thử tải", "kind", "PROVINCE"), 201).get("id").asLong();
            commune = api.post("/api/v1/areas", Map.of("name", "Xã thử tải", "kind", "COMMUNE", "parentId", province), 201)
                    .get("id").asLong();
        }
        long t0 = System.nanoTime();
        int before = stations.size();
        while (stations.size() < n) {
            int i = stations.size() + 1;
            JsonNode s = api.post("/api/v1/stations", Map.of("name", "Đài thử " + i, "areaId", commune,
                    "zones", List.of(Map.of("name", "Cụm loa " + i))), 201);
            stations.add(new StationCredential(s.get("id").asLong(), s.get("secret").asText()));
            if (stations.size() % 500 == 0 || stations.size() == n) {
                save(dir, new Fleet(password, province, commune, stations));
                System.out.printf("  %d stations created (%.0f s)%n", stations.size(), (System.nanoTime() - t0) / 1e9);
            }
        }
        Fleet f = new Fleet(password, province, commune, stations);
        if (stations.size() != before || existing == null) {
            save(dir, f);
        }
        return f;
    }

    private static void save(Path dir, Fleet f) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("password\t").append(f.password()).append('\n');
        sb.append("province\t").append(f.provinceId()).append('\n');
        sb.append("commune\t").append(f.communeId()).append('\n');
        for (StationCredential s : f.stations()) {
            sb.append("station\t").append(s.stationId()).append('\t').append(s.secret()).append('\n');
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
