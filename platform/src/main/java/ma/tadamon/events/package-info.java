/**
 * The event contract between the services: one record per event type, published on the topic of the
 * producing service. Changing a record's meaning or removing a field needs a new {@code .v2} type;
 * adding a field does not (consumers ignore what they do not know).
 */
package ma.tadamon.events;
