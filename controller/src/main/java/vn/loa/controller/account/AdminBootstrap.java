package vn.loa.controller.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an {@code admin} account exists: its password comes from {@code LOA_ADMIN_PASSWORD},
 * or is generated and printed once, at the first start.
 */
public final class AdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    public static final String ENV = "LOA_ADMIN_PASSWORD";
    /**
     * A file holding the first admin password, read only when the account is created (the Debian package's
     * postinst writes a random one to a root-only file; systemd hands it over with LoadCredential).
     */
    public static final String FILE_ENV = "LOA_ADMIN_PASSWORD_FILE";

    private AdminBootstrap() {
    }

    public static void ensureAdmin(AccountRepository accounts, PasswordHasher hasher, Tokens tokens,
            String passwordFromEnv) {
        ensureAdmin(accounts, hasher, tokens, passwordFromEnv, null);
    }

    /**
     * @param initialPasswordFile the first password, used only to create the account (null: none); a file
     *                            that is named but unreadable or empty stops the start, saying so
     */
    public static void ensureAdmin(AccountRepository accounts, PasswordHasher hasher, Tokens tokens,
            String passwordFromEnv, java.nio.file.Path initialPasswordFile) {
        if (initialPasswordFile != null && (passwordFromEnv == null || passwordFromEnv.isEmpty())
                && accounts.findByUsername("admin").isEmpty()) {
            String initial;
            try {
                initial = java.nio.file.Files.readString(initialPasswordFile).strip();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(FILE_ENV + ": cannot read " + initialPasswordFile + ": " + e, e);
            }
            if (initial.isEmpty()) {
                throw new IllegalStateException(FILE_ENV + ": " + initialPasswordFile + " is empty");
            }
            accounts.create("admin", hasher.hash(initial), Role.ADMIN, null);
            log.info("admin account created with the password in {} (not logged)", initialPasswordFile);
            return;
        }
        var existing = accounts.findByUsername("admin");
        if (existing.isPresent()) {
            if (passwordFromEnv != null && !passwordFromEnv.isEmpty()
                    && !hasher.matches(passwordFromEnv, existing.get().passwordHash())) {
                accounts.updatePassword(existing.get().account().id(), hasher.hash(passwordFromEnv));
                log.info("admin password set from {}", ENV);
            }
            return;
        }
        boolean generated = passwordFromEnv == null || passwordFromEnv.isEmpty();
        String password = generated ? tokens.newToken().substring(0, 20) : passwordFromEnv;
        accounts.create("admin", hasher.hash(password), Role.ADMIN, null);
        if (generated) {
            // printed once, on the console only, never logged to a file
            System.out.println();
            System.out.println("  Tài khoản quản trị / admin account:  admin");
            System.out.println("  Mật khẩu / password (shown only now): " + password);
            System.out.println("  Set " + ENV + " to choose it yourself.");
            System.out.println();
        } else {
            log.info("admin account created with the password from {}", ENV);
        }
    }
}
