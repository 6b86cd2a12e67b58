package vn.loa.bench.load;

/**
 * What a simulated station needs to sign in: its id and secret from {@code POST /api/v1/stations}, and for
 * mutual TLS its identity (private key, certificate and the controller's CA in one PEM, as an enrolled
 * agent keeps it); {@code identityPem} is null on plain TCP.
 */
public record StationCredential(long stationId, String secret, String identityPem) {
    public StationCredential {
        if (stationId <= 0 || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a station needs a positive id and a secret, got " + stationId);
        }
    }

    public StationCredential(long stationId, String secret) {
        this(stationId, secret, null);
    }

    public boolean tls() {
        return identityPem != null;
    }

    public StationCredential withIdentity(String pem) {
        return new StationCredential(stationId, secret, pem);
    }
}
