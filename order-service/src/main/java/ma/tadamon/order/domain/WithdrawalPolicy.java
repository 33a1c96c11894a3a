package ma.tadamon.order.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The law's terms for withdrawing from a distance sale (law 31-08, articles 36 to 38;
 * docs/compliance.md): {@code days} days from the receipt of the goods, the last one moved to the
 * next working day when it falls on a weekend or a public holiday; the money back within {@code
 * refundDays} days of the withdrawal; nothing to withdraw from for goods that spoil quickly, by
 * category. Days are Moroccan calendar days ({@link #ZONE}).
 */
public record WithdrawalPolicy(
    int days, Duration refundWithin, Set<String> excludedCategories, PublicHolidays holidays) {

  public static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");

  /**
   * Foodstuffs that spoil: fresh dates, amlou (a paste of almonds, argan oil and honey), couscous.
   */
  public static final String DEFAULT_EXCLUDED = "amlou,dates,couscous";

  public WithdrawalPolicy {
    excludedCategories = Set.copyOf(excludedCategories);
  }

  /** The last day (in Morocco) a part delivered at {@code deliveredAt} may be withdrawn from. */
  public LocalDate lastDay(Instant deliveredAt) {
    LocalDate last = deliveredAt.atZone(ZONE).toLocalDate().plusDays(days);
    while (!holidays.isWorkingDay(last)) {
      last = last.plusDays(1);
    }
    return last;
  }

  public boolean isOpen(Instant deliveredAt, Instant now) {
    return !now.atZone(ZONE).toLocalDate().isAfter(lastDay(deliveredAt));
  }

  public boolean excludes(String category) {
    return category != null && excludedCategories.contains(category);
  }

  public Instant refundDueBy(Instant withdrawnAt) {
    return withdrawnAt.plus(refundWithin);
  }

  /**
   * Morocco's weekend and public holidays: the national days, fixed each year, and the religious
   * ones, which follow the moon and are announced each year (a setting, the next years' expected
   * dates by default).
   */
  public record PublicHolidays(Set<MonthDay> everyYear, Set<LocalDate> announced) {

    /**
     * New Year, the Independence Manifesto, Yennayer, Labour Day, the Throne, Oued Eddahab, the
     * Revolution of the King and the People, Youth Day, Unity Day, the Green March, Independence.
     */
    public static final String NATIONAL =
        "01-01,01-11,01-14,05-01,07-30,08-14,08-20,08-21,10-31,11-06,11-18";

    /**
     * Eid al-Fitr, Eid al-Adha, the Islamic New Year and the Prophet's birthday as expected in 2026
     * and 2027; the Ministry of Habous announces each on the eve, so operators correct them then.
     */
    public static final String EXPECTED_RELIGIOUS =
        "2026-03-20,2026-03-21,2026-05-27,2026-05-28,2026-06-17,2026-08-26,2026-08-27,"
            + "2027-03-10,2027-03-11,2027-05-17,2027-05-18,2027-06-06,2027-08-15,2027-08-16";

    public PublicHolidays {
      everyYear = Set.copyOf(everyYear);
      announced = Set.copyOf(announced);
    }

    /** From the settings' lists: {@code MM-dd} for every year, ISO dates for the announced ones. */
    public static PublicHolidays parse(String everyYear, String announced) {
      try {
        return new PublicHolidays(
            items(everyYear).stream()
                .map(day -> MonthDay.parse("--" + day))
                .collect(Collectors.toSet()),
            items(announced).stream().map(LocalDate::parse).collect(Collectors.toSet()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "holidays are MM-dd for every year and yyyy-MM-dd for announced days: "
                + e.getParsedString());
      }
    }

    public boolean isWorkingDay(LocalDate day) {
      return day.getDayOfWeek() != DayOfWeek.SATURDAY
          && day.getDayOfWeek() != DayOfWeek.SUNDAY
          && !everyYear.contains(MonthDay.from(day))
          && !announced.contains(day);
    }

    private static List<String> items(String list) {
      return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }
}
