package vn.loa.controller.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.support.DatabaseTestBase;

/**
 * Accounts, sign-in sessions and API tokens against a real database (H2 here, PostgreSQL in
 * {@link AccountStoragePostgresTest}).
 */
@Timeout(60)
class AccountStorageTest extends DatabaseTestBase {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void accountsAreFoundChangedDisabledAndDeleted() {
        AccountRepository accounts = new AccountRepository(jdbc);
        long area = new AreaRepository(jdbc).insert(null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, null);
        long admins = accounts.countActiveAdmins();
        long id = accounts.create("Nguyễn_Văn_An", "hash-1", Role.OPERATOR, area);
        long admin = accounts.create("quản_trị", "hash-2", Role.ADMIN, null);

        assertThat(accounts.usernameTaken("nguyễn_văn_an")).as("case-insensitive").isTrue();
        assertThat(accounts.usernameTaken("someone-else")).isFalse();
        var creds = accounts.findByUsername("Nguyễn_Văn_An").orElseThrow();
        assertThat(creds.account()).isEqualTo(new Account(id, "Nguyễn_Văn_An", Role.OPERATOR, area));
        assertThat(creds.passwordHash()).isEqualTo("hash-1");
        assertThat(creds.disabled()).isFalse();
        assertThat(accounts.countActiveAdmins()).isEqualTo(admins + 1);

        accounts.updatePassword(id, "hash-3");
        accounts.updateRoleAndScope(id, Role.TECHNICIAN, null);
        assertThat(accounts.passwordHash(id)).contains("hash-3");
        assertThat(accounts.find(id).orElseThrow().account()).isEqualTo(new Account(id, "Nguyễn_Văn_An", Role.TECHNICIAN, null));
        accounts.setDisabled(admin, true);
        assertThat(accounts.countActiveAdmins()).isEqualTo(admins);
        assertThat(accounts.findAll()).extracting(l -> l.account().id()).contains(id, admin);

        accounts.createSession("s".repeat(64), id, NOW.plusSeconds(3_600));
        accounts.createToken(id, "tự động", "t".repeat(64), NOW, NOW.plusSeconds(3_600));
        accounts.markDeleted(id, NOW);
        assertThat(accounts.find(id)).isEmpty();
        assertThat(accounts.findByUsername("Nguyễn_Văn_An")).isEmpty();
        assertThat(accounts.usernameTaken("Nguyễn_Văn_An")).as("a deleted name stays taken").isTrue();
        assertThat(accounts.findBySession("s".repeat(64), NOW)).isEmpty();
        assertThat(accounts.tokensOf(id)).isEmpty();
    }

    @Test
    void sessionsAndTokensExpire() {
        AccountRepository accounts = new AccountRepository(jdbc);
        long id = accounts.create("vận_hành", "h", Role.VIEWER, null);
        accounts.createSession("a".repeat(64), id, NOW.plusSeconds(60), "csrf-1");
        accounts.createSession("b".repeat(64), id, NOW.plusSeconds(120));
        accounts.createSession("c".repeat(64), id, NOW.minusSeconds(1));

        assertThat(accounts.findSession("a".repeat(64), NOW).orElseThrow().csrfToken()).isEqualTo("csrf-1");
        assertThat(accounts.findBySession("a".repeat(64), NOW.plusSeconds(60))).as("expired at its instant").isEmpty();
        assertThat(accounts.findBySession("c".repeat(64), NOW)).isEmpty();
        assertThat(accounts.deleteExpiredSessions(NOW)).isGreaterThanOrEqualTo(1);
        assertThat(accounts.deleteSessionsOf(id, "a".repeat(64))).isEqualTo(1);
        assertThat(accounts.findBySession("b".repeat(64), NOW)).isEmpty();
        accounts.deleteSession("a".repeat(64));
        assertThat(accounts.findBySession("a".repeat(64), NOW)).isEmpty();

        long token = accounts.createToken(id, "báo cáo", "d".repeat(64), NOW, NOW.plusSeconds(600));
        accounts.createToken(id, "cũ", "e".repeat(64), NOW.minusSeconds(600), NOW.minusSeconds(1));
        assertThat(accounts.findByApiToken("d".repeat(64), NOW).orElseThrow().id()).isEqualTo(id);
        var listed = accounts.tokensOf(id);
        assertThat(listed).extracting(AccountRepository.TokenRow::name).containsExactly("báo cáo", "cũ");
        assertThat(listed.get(0).lastUsedAt()).isEqualTo(NOW);
        assertThat(accounts.deleteExpiredTokens(NOW)).isGreaterThanOrEqualTo(1);
        assertThat(accounts.deleteToken(id, token)).isTrue();
        assertThat(accounts.deleteToken(id, token)).isFalse();
        assertThat(accounts.findByApiToken("d".repeat(64), NOW)).isEmpty();
    }
}
