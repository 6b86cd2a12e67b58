package vn.loa.controller.rejection;

/**
 * A word or phrase a rejection's parameter names (a kind of object, a role, an action, a JSON type): sent as
 * its stable {@code name()}, which the console translates (docs/api.md#errors), and written in English into
 * the {@code error} text by {@link #english()}.
 */
public interface Phrase {
    String name();

    String english();
}
