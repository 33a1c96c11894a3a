package ma.tadamon.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Morocco's twelve regions (2015 division), by the slug used in URLs and events: shared vocabulary.
 */
public enum Region {
  TANGER_TETOUAN_AL_HOCEIMA("tanger-tetouan-al-hoceima"),
  ORIENTAL("oriental"),
  FES_MEKNES("fes-meknes"),
  RABAT_SALE_KENITRA("rabat-sale-kenitra"),
  BENI_MELLAL_KHENIFRA("beni-mellal-khenifra"),
  CASABLANCA_SETTAT("casablanca-settat"),
  MARRAKECH_SAFI("marrakech-safi"),
  DRAA_TAFILALET("draa-tafilalet"),
  SOUSS_MASSA("souss-massa"),
  GUELMIM_OUED_NOUN("guelmim-oued-noun"),
  LAAYOUNE_SAKIA_EL_HAMRA("laayoune-sakia-el-hamra"),
  DAKHLA_OUED_ED_DAHAB("dakhla-oued-ed-dahab");

  private final String slug;

  Region(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }

  public static Optional<Region> fromSlug(String slug) {
    return Arrays.stream(values()).filter(region -> region.slug.equals(slug)).findFirst();
  }
}
