package vn.loa.controller.account;

/**
 * Who a request acts as and what it presented: a sign-in session token (with the session's CSRF token) or
 * an API token ({@code csrfToken} null), and whether it came in the session cookie rather than a
 * bearer header.
 */
public record Principal(Account account, boolean apiToken, String csrfToken, boolean viaCookie) {
    public Principal withCookie() {
        return new Principal(account, apiToken, csrfToken, true);
    }
}
