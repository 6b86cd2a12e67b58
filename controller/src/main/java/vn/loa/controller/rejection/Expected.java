package vn.loa.controller.rejection;

/** What a field should have held (the {@code expected} of {@link RejectionCode#WRONG_TYPE}). */
public enum Expected implements Phrase {
    TEXT("text"),
    INTEGER("a whole number"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    OBJECT("an object"),
    LIST("a list"),
    ID("an id (a positive whole number)"),
    VALUE("a value of another kind");

    private final String english;

    Expected(String english) {
        this.english = english;
    }

    @Override
    public String english() {
        return english;
    }
}
