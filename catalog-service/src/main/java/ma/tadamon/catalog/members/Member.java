package ma.tadamon.catalog.members;

/** Someone who signs in for a cooperative, as the console lists them. */
public record Member(
    String id, String username, String name, String phone, String email, boolean manager) {}
