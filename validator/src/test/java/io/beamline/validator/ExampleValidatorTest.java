package io.beamline.validator;

import static io.beamline.validator.Data.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomaliesJson;
import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.StatisticsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleValidatorTest {
  @TempDir Path tmp;

  @Test
  void writesAnomaliesJsonAndEscapedHtmlPerSplit() throws Exception {
    Path stats = tmp.resolve("stats");
    StatisticsJson.write(DatasetFeatureStatisticsList.of(Data.rows(4, i -> row("pay", "Cash"))),
        StatisticsJson.splitFile(stats.toString(), "train"));
    StatisticsJson.write(DatasetFeatureStatisticsList.of(Data.rows(4, i -> row("pay", i == 0 ? "<script>" : "Cash"))),
        StatisticsJson.splitFile(stats.toString(), "eval"));
    Path schema = tmp.resolve("schema");
    SchemaText.writeArtifact(SchemaText.parse("feature { name: \"pay\" type: BYTES domain: \"pay\" }"
        + " string_domain { name: \"pay\" value: \"Cash\" }"), schema.toString());

    ResolvedArtifact out = ExampleValidator.of(stats.toString(), schema.toString())
        .withInput(ExampleValidator.BASELINE_STATISTICS, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS,
            stats.toString()))
        .withOutput(ExampleValidator.ANOMALIES, tmp.resolve("anomalies").toString())
        .run().output(ExampleValidator.ANOMALIES);

    assertTrue(out.properties().getBoolean("has_errors"));
    assertEquals(0L, ((Number) out.properties().getMap("anomaly_count").get("train")).longValue());
    assertTrue(AnomaliesJson.readSplit(out.uri(), "train").isEmpty());
    Anomalies eval = AnomaliesJson.readSplit(out.uri(), "eval");
    assertTrue(eval.anomalyInfo().get("pay").has(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES));
    String html = Files.readString(Path.of(out.uri(), "Split-eval", AnomaliesJson.HTML_FILE_NAME));
    assertTrue(html.contains("&#39;&lt;script&gt;&#39; (1)"), html);
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("http"), "self-contained page");
  }
}
