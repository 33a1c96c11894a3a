package ma.tadamon.events.catalog;

import java.util.Map;

/**
 * A product's photo as events carry it: its id, its size, and the object-storage key of each
 * rendition by width ("320", "640", "1280"). Keys never change what they hold.
 */
public record ProductPhoto(String id, int width, int height, Map<String, String> renditions) {}
