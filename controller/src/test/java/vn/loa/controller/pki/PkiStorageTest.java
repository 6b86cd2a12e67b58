package vn.loa.controller.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.support.DatabaseTestBase;

/**
 * Station certificates and enrollment tokens as stored, against a real database (H2 here, PostgreSQL in
 * {@link PkiStoragePostgresTest}).
 */
@Timeout(60)
class PkiStorageTest extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private long station(String name) {
        long area = new AreaRepository(jdbc).insert(null, "Tỉnh", AreaKind.PROVINCE, null);
        return new StationRepository(jdbc).create(name, area, "f".repeat(64), List.of());
    }

    @Test
    void certificatesAreListedAndRevokedTogether() {
        CertificateRepository certificates = new CertificateRepository(jdbc);
        long station = station("Đài xã Hòa Lạc");
        certificates.insert(new CertificateRepository.IssuedCertificate("0a1b", station, "ENROLL", T0, T0.plusSeconds(86_400), null));
        jdbc.inTransaction(c -> {
            CertificateRepository.insert(c, new CertificateRepository.IssuedCertificate("0a1c", station, "RENEW",
                    T0.plusSeconds(60), T0.plusSeconds(90_000), null));
            return null;
        });

        assertThat(certificates.find("0a1b").orElseThrow().notAfter()).isEqualTo(T0.plusSeconds(86_400));
        assertThat(certificates.ofStation(station)).extracting(CertificateRepository.IssuedCertificate::serial)
                .containsExactly("0a1b", "0a1c");
        assertThat(certificates.revokeAll(station, T0.plusSeconds(120))).containsExactlyInAnyOrder("0a1b", "0a1c");
        assertThat(certificates.revokeAll(station, T0.plusSeconds(180))).isEmpty();
        assertThat(certificates.find("0a1c").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(certificates.find("ffff")).isEmpty();
    }

    @Test
    void anEnrollmentTokenIsUsedOnceAndRevokedWhileUnused() {
        EnrollmentTokenRepository tokens = new EnrollmentTokenRepository(jdbc);
        long station = station("Đài xã Kiên Mộc");
        long used = tokens.create(station, "1".repeat(64), "2".repeat(64), null, T0, T0.plusSeconds(3_600));
        tokens.create(station, "3".repeat(64), "4".repeat(64), null, T0, T0.plusSeconds(3_600));

        var stored = tokens.byTokenId("1".repeat(64)).orElseThrow();
        assertThat(stored.id()).isEqualTo(used);
        assertThat(stored.stationId()).isEqualTo(station);
        assertThat(stored.macKey()).isEqualTo("2".repeat(64));
        assertThat(stored.expiresAt()).isEqualTo(T0.plusSeconds(3_600));
        assertThat(stored.usedAt()).isNull();
        boolean first = jdbc.inConnection(c -> EnrollmentTokenRepository.markUsed(c, used, T0.plusSeconds(5)));
        boolean again = jdbc.inConnection(c -> EnrollmentTokenRepository.markUsed(c, used, T0.plusSeconds(6)));
        assertThat(first).isTrue();
        assertThat(again).as("used once").isFalse();
        assertThat(tokens.revokePending(station, T0.plusSeconds(10))).isEqualTo(1);
        assertThat(tokens.byTokenId("3".repeat(64)).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(tokens.byTokenId("1".repeat(64)).orElseThrow().revokedAt()).isNull();
        assertThat(tokens.byTokenId("5".repeat(64))).isEmpty();
    }
}
