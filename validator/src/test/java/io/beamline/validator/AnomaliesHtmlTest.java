package io.beamline.validator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomalyInfo;
import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.anomalies.DriftSkewInfo;
import io.beamline.core.anomalies.DriftSummary;
import io.beamline.core.anomalies.Measurement;
import io.beamline.core.anomalies.Reason;
import io.beamline.core.anomalies.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomaliesHtmlTest {
  static final String EVIL = "<img src=x onerror=\"alert('x')\">&";
  static final String EVIL_ESCAPED = "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;";

  @Test
  void everyDataStringIsEscaped() {
    Anomalies a = new Anomalies(
        Map.of(EVIL, AnomalyInfo.of(EVIL, List.of(new Reason(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES,
            Severity.ERROR, EVIL, "Unexpected value " + EVIL)))),
        AnomalyInfo.of("", List.of(new Reason(AnomalyType.DATASET_LOW_NUM_EXAMPLES, Severity.WARNING, "Low",
            "Only " + EVIL))),
        List.of(new DriftSkewInfo(EVIL, List.of(new Measurement(EVIL, 0.5, 0.1, true)), List.of())),
        new DriftSummary(1, List.of(EVIL), List.of(EVIL), 1.0, 0.5, true));
    String html = AnomaliesHtml.render(EVIL, a);

    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("alert('"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("http"), "self-contained: no external resources");
    // Split title, feature heading, description, short description, measure name, drift verdict lists.
    int count = html.split(java.util.regex.Pattern.quote(EVIL_ESCAPED), -1).length - 1;
    assertTrue(count >= 9, "escaped occurrences: " + count + "\n" + html);
  }

  @Test
  void summaryCountsBySeverityAndMeasurementsPerFeature() {
    Anomalies a = new Anomalies(
        Map.of("fare", AnomalyInfo.of("fare", List.of(
            new Reason(AnomalyType.FLOAT_TYPE_HAS_NAN, Severity.ERROR, "Invalid values", "3 values are NaN."),
            new Reason(AnomalyType.FLOAT_TYPE_BIG_FLOAT, Severity.ERROR, "Out-of-range values", "Too big.")))),
        AnomalyInfo.of("", List.of(new Reason(AnomalyType.DATASET_LOW_NUM_EXAMPLES, Severity.WARNING, "Low",
            "Few."))),
        List.of(new DriftSkewInfo("tips", List.of(new Measurement("KOLMOGOROV_SMIRNOV", 0.02, null, false)),
            List.of(new Measurement("L_INFTY", 0.3, 0.1, true)))),
        null);
    String html = AnomaliesHtml.render("eval", a);

    assertTrue(html.contains("<tr><td>3</td><td class=\"ERROR\">2</td><td class=\"WARNING\">1</td><td>0</td>"
        + "<td>1</td><td>yes</td></tr>"), html);
    assertTrue(html.contains("<h2>Feature fare <span class=\"ERROR\">(ERROR)</span></h2>"), html);
    assertTrue(html.contains("<td>FLOAT_TYPE_HAS_NAN</td>") && html.contains("<td>3 values are NaN.</td>"), html);
    assertTrue(html.contains("<h2>Feature tips</h2>\n<p class=\"ok\">No anomalies.</p>"), html);
    assertTrue(html.contains("<td>skew (vs serving)</td><td>L_INFTY</td><td class=\"ERROR\">0.3</td><td>0.1</td>"
        + "<td><b class=\"ERROR\">over</b></td>"), html);
    assertTrue(html.contains("<td>KOLMOGOROV_SMIRNOV</td><td>0.02</td><td>(reported only)</td>"), html);
    assertTrue(html.contains("<h2>Data set</h2>"), html);
  }

  @Test
  void conformingDataSaysSo() {
    String html = AnomaliesHtml.render("train", Anomalies.none());
    assertTrue(html.contains("No anomalies: the data conforms to the schema."), html);
    assertTrue(html.contains("<tr><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>no</td></tr>"), html);
  }
}
