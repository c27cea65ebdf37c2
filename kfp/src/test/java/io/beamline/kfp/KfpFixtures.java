package io.beamline.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.beamline.core.component.Component;
import io.beamline.evaluator.Evaluator;
import io.beamline.examplegen.ExampleGen;
import io.beamline.examplegen.ExampleGenParameters;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.Pipeline;
import io.beamline.pusher.Pusher;
import io.beamline.schemagen.ImportSchemaGen;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.validator.ExampleValidator;
import io.beamline.validator.RowValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared fixtures of the kfp tests: every real component, a small data pipeline, a small CSV. */
final class KfpFixtures {
  private static final JsonSchema PIPELINE_SPEC_SCHEMA = loadSchema();

  private KfpFixtures() {}

  static List<Component<?>> allComponents() {
    return List.of(new ExampleGen(), new StatisticsGen(), new CsvStatistics(), new SchemaGen(), new ImportSchemaGen(),
        new ExampleValidator(), new RowValidator(), new Trainer(), new Evaluator(), new Pusher());
  }

  /** ExampleGen -> StatisticsGen -> SchemaGen -> ExampleValidator, with a second ExampleGen run after the first. */
  static Pipeline dataPipeline(String input) {
    var gen = Node.of(new ExampleGen()).withParameters(ExampleGenParameters.defaults().withInput(input));
    var stats = Node.of(new StatisticsGen()).withInput(StatisticsGen.EXAMPLES, gen.output(ExampleGen.EXAMPLES));
    var schema = Node.of(new SchemaGen()).withInput(SchemaGen.STATISTICS, stats.output(StatisticsGen.STATISTICS));
    var check = Node.of(new ExampleValidator())
        .withInput(ExampleValidator.STATISTICS, stats.output(StatisticsGen.STATISTICS))
        .withInput(ExampleValidator.SCHEMA, schema.output(SchemaGen.SCHEMA))
        .withCaching(false);
    var again = Node.of(new ExampleGen()).withId("ExampleGen_again")
        .withParameters(ExampleGenParameters.defaults().withInput(input).withMaxRejectFraction(0.5))
        .after(check);
    return Pipeline.of("small_data.v1", gen, stats, schema, check, again);
  }

  /** 12 rows: an id, a number, a category. */
  static Path smallCsv(Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("id,fare,payment\n");
    for (int i = 0; i < 12; i++) {
      csv.append(i).append(',').append(2.5 * i).append(',').append(i % 3 == 0 ? "Cash" : "Card").append('\n');
    }
    return Files.writeString(dir.resolve("trips.csv"), csv.toString());
  }

  /** Validates against the JSON Schema of pipeline_spec.proto's messages; asserts no messages. */
  static void assertMatchesProtoSchema(JsonNode spec) {
    Set<ValidationMessage> errors = PIPELINE_SPEC_SCHEMA.validate(spec);
    assertEquals("", errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n")));
  }

  static Set<String> schemaErrors(JsonNode spec) {
    return PIPELINE_SPEC_SCHEMA.validate(spec).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = KfpFixtures.class.getResourceAsStream("/pipeline_spec.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
