package ma.tadamon.platform.domain;

/** One input field that breaks a rule, named so that a form can show the message in place. */
public record FieldError(String field, String message) {}
