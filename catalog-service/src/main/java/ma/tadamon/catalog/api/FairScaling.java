package ma.tadamon.catalog.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.tadamon.catalog.domain.Fair;

/**
 * A fair's days as Kubernetes pre-scaling: KEDA cron triggers that raise the minimum replicas of
 * what shoppers and visitors wait on from half an hour before the doors open to half an hour after
 * they close, on the fair's days only, in Moroccan time. The result is the JSON-patch file of the
 * {@code deploy/overlays/fair-days} overlay (docs/operations.md, "A fair's days").
 */
public final class FairScaling {

  /** Doors open and close: "10:00–22:00", "10h – 22h30"; the first two times in the text. */
  private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?:[:h](\\d{2}))?\\s*(?:h\\b)?");

  private static final LocalTime DEFAULT_OPENING = LocalTime.of(10, 0);
  private static final LocalTime DEFAULT_CLOSING = LocalTime.of(22, 0);
  private static final int MARGIN_MINUTES = 30;

  private FairScaling() {}

  /** The patch: one cron trigger per month the fair's days fall in. */
  public static String patch(Fair fair, int desiredReplicas) {
    List<LocalTime> hours = openingAndClosing(fair.openingHours());
    LocalTime start = hours.get(0).minusMinutes(MARGIN_MINUTES);
    LocalTime end = hours.get(1).plusMinutes(MARGIN_MINUTES);
    StringBuilder yaml =
        new StringBuilder()
            .append("# ")
            .append(fair.slug())
            .append(": ")
            .append(fair.startsOn())
            .append(" to ")
            .append(fair.endsOn())
            .append(", doors ")
            .append(hours.get(0))
            .append("–")
            .append(hours.get(1))
            .append(" (written by catalog-service: GET /api/catalog/fairs/{id}/scaling).\n");
    for (DayRange range : monthsOf(fair.startsOn(), fair.endsOn())) {
      yaml.append("- op: add\n")
          .append("  path: /spec/triggers/-\n")
          .append("  value:\n")
          .append("    type: cron\n")
          .append("    metadata:\n")
          .append("      timezone: Africa/Casablanca\n")
          .append("      start: \"")
          .append(cron(start, range))
          .append("\"\n")
          .append("      end: \"")
          .append(cron(end, range))
          .append("\"\n")
          .append("      desiredReplicas: \"")
          .append(desiredReplicas)
          .append("\"\n");
    }
    return yaml.toString();
  }

  private record DayRange(int firstDay, int lastDay, int month) {}

  /** Cron's fields cannot span months: one range of days per month. */
  private static List<DayRange> monthsOf(LocalDate first, LocalDate last) {
    List<DayRange> ranges = new ArrayList<>();
    LocalDate day = first;
    while (!day.isAfter(last)) {
      LocalDate endOfMonth = day.withDayOfMonth(day.lengthOfMonth());
      LocalDate rangeEnd = endOfMonth.isBefore(last) ? endOfMonth : last;
      ranges.add(new DayRange(day.getDayOfMonth(), rangeEnd.getDayOfMonth(), day.getMonthValue()));
      day = rangeEnd.plusDays(1);
    }
    return ranges;
  }

  private static String cron(LocalTime time, DayRange range) {
    String days =
        range.firstDay() == range.lastDay()
            ? String.valueOf(range.firstDay())
            : range.firstDay() + "-" + range.lastDay();
    return time.getMinute() + " " + time.getHour() + " " + days + " " + range.month() + " *";
  }

  /** The doors' times written in the fair's hours, or 10:00 and 22:00 when it names none. */
  static List<LocalTime> openingAndClosing(String openingHours) {
    List<LocalTime> times = new ArrayList<>();
    Matcher matcher = TIME.matcher(openingHours == null ? "" : openingHours);
    while (matcher.find() && times.size() < 2) {
      int hour = Integer.parseInt(matcher.group(1));
      int minute = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
      if (hour < 24 && minute < 60) {
        times.add(LocalTime.of(hour, minute));
      }
    }
    if (times.size() < 2 || !times.get(1).isAfter(times.get(0))) {
      return List.of(DEFAULT_OPENING, DEFAULT_CLOSING);
    }
    return times;
  }
}
