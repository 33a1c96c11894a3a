package ma.tadamon.platform.testing;

import java.util.Map;

/** Reading a value out of a service's {@code /metrics} (the Prometheus text format). */
public final class PrometheusText {

  private PrometheusText() {}

  /**
   * The sum of every series of {@code metric} whose labels include {@code labels}; zero when none
   * has been recorded yet.
   */
  public static double sum(String body, String metric, Map<String, String> labels) {
    double sum = 0;
    for (String line : body.split("\n")) {
      if (!line.startsWith(metric + "{")) {
        continue;
      }
      String series = line.substring(metric.length() + 1, line.lastIndexOf('}'));
      boolean matches =
          labels.entrySet().stream()
              .allMatch(
                  label ->
                      series.contains(label.getKey() + "=\"" + label.getValue() + "\",")
                          || series.endsWith(label.getKey() + "=\"" + label.getValue() + "\""));
      if (matches) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
