package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/**
 * An operator checked the cooperative's registration: from now on it sells, with the verified
 * badge.
 */
@EventType("ma.tadamon.catalog.cooperative.verified.v1")
public record CooperativeVerified(CooperativeState cooperative) implements CooperativeStateEvent {}
