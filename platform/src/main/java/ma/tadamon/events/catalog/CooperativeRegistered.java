package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/**
 * A cooperative joined the marketplace; it sells once verified (the demo catalog arrives verified).
 */
@EventType("ma.tadamon.catalog.cooperative.registered.v1")
public record CooperativeRegistered(CooperativeState cooperative)
    implements CooperativeStateEvent {}
