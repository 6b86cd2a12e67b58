package vn.loa.bench.load;

/** What a simulated station needs to sign in: its id and secret from {@code POST /api/v1/stations}. */
public record StationCredential(long stationId, String secret) {
    public StationCredential {
        if (stationId <= 0 || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a station needs a positive id and a secret, got " + stationId);
        }
    }
}
