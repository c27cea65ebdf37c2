package io.beamline.ui;

import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactAndEvent;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Context;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.Execution;
import io.beamline.metadata.ExecutionRecord;
import io.beamline.metadata.ExecutionState;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import io.beamline.orchestrator.ExecutionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real home (SQLite store, artifact files) whose every name and value a page shows is markup:
 * pipeline and run names, node name, parameters, error, log, artifact properties, schema feature
 * names and domain values, statistics feature names and values.
 */
final class HostileHome {
  static final String EVIL = "<script>alert(1)</script>\"><img src=x onerror=alert(2)></style><b>x";
  static final List<String> RAW = List.of("<script>alert(1)", "<img src=x onerror", "</style><b>");

  final Path dir;
  final long runId;
  final long executionId;
  final long schemaId;
  final long statsId;
  final long otherStatsId;
  /** An artifact whose URI is the home itself, outside the artifact root. */
  final long outsideId;

  private HostileHome(Path dir, long runId, long executionId, long schemaId, long statsId, long otherStatsId,
      long outsideId) {
    this.dir = dir;
    this.runId = runId;
    this.executionId = executionId;
    this.schemaId = schemaId;
    this.statsId = statsId;
    this.otherStatsId = otherStatsId;
    this.outsideId = outsideId;
  }

  static HostileHome create(Path dir) throws IOException {
    Path root = dir.resolve("artifacts");
    Path schemaDir = Files.createDirectories(root.resolve("evil/SchemaGen/schema/1"));
    String quoted = EVIL.replace("\\", "\\\\").replace("\"", "\\\"");
    Files.writeString(schemaDir.resolve("schema.pbtxt"), "feature {\n  name: \"" + quoted + "\"\n  type: BYTES\n"
        + "  domain: \"d\"\n  presence {\n    min_fraction: 1.0\n  }\n}\nstring_domain {\n  name: \"d\"\n  value: \""
        + quoted + "\"\n}\n");
    Path stats = statistics(root.resolve("evil/StatisticsGen/statistics/1"));
    Path other = statistics(root.resolve("evil/StatisticsGen/statistics/2"));
    Path log = root.resolve("evil/SchemaGen/logs/1/node.log");
    Files.createDirectories(log.getParent());
    Files.writeString(log, "WARN " + EVIL + "\nERROR " + EVIL + "\n");
    try (MetadataStore store = MetadataStore.openSqlite(dir.resolve("metadata.sqlite"))) {
      ContextTypes.register(store);
      store.putArtifactType("Schema", Map.of());
      store.putArtifactType("ExampleStatistics", Map.of());
      store.putExecutionType("SchemaGen", Map.of());
      Context pipeline = store.putContext(Context.create(ContextTypes.PIPELINE, EVIL));
      Context run = store.putContext(Context.create(ContextTypes.PIPELINE_RUN, "run " + EVIL)
          .withCustomProperty("state", new Value.StringValue("FAILED"))
          .withCustomProperty("start_time", new Value.IntValue(Instant.now().toEpochMilli() - 5000))
          .withCustomProperty("end_time", new Value.IntValue(Instant.now().toEpochMilli()))
          .withCustomProperty("error", new Value.StringValue(EVIL)));
      store.putParentContext(run.id(), pipeline.id());
      Artifact statsIn = Artifact.create("ExampleStatistics", stats.toString()).withState(ArtifactState.LIVE)
          .withName(EVIL).withCustomProperty("span", new Value.StringValue(EVIL));
      Artifact otherStats = store.putArtifact(Artifact.create("ExampleStatistics", other.toString())
          .withState(ArtifactState.LIVE).withCustomProperty("span", new Value.IntValue(2)));
      ExecutionRecord r = store.putExecution(Execution.create("SchemaGen", EVIL).withState(ExecutionState.FAILED)
              .withStartTime(Instant.now().minusSeconds(3)).withEndTime(Instant.now()).withErrorMessage(EVIL)
              .withCustomProperty("parameters", new Value.StructValue("{\"p\":\"" + EVIL.replace("\"", "\\\"") + "\"}"))
              .withCustomProperty(ExecutionLog.PROPERTY, new Value.StringValue(log.toString())),
          List.of(ArtifactAndEvent.input(statsIn, EVIL),
              ArtifactAndEvent.output(Artifact.create("Schema", schemaDir.toString()).withState(ArtifactState.LIVE)
                  .withCustomProperty(EVIL, new Value.StringValue(EVIL)), "schema")),
          List.of(pipeline, run));
      Artifact outside = store.putArtifact(Artifact.create("Schema", dir.toString()).withState(ArtifactState.LIVE));
      return new HostileHome(dir, run.id(), r.execution().id(), r.artifacts().get(1).id(), r.artifacts().get(0).id(),
          otherStats.id(), outside.id());
    }
  }

  private static Path statistics(Path dir) throws IOException {
    Path split = Files.createDirectories(dir.resolve("Split-train"));
    String v = EVIL.replace("\"", "\\\"");
    Files.writeString(split.resolve("FeatureStats.json"), "{\"datasets\":[{\"name\":\"train\",\"num_examples\":2,"
        + "\"features\":[{\"name\":\"" + v + "\",\"type\":\"STRING\",\"common_stats\":{\"num_non_missing\":2,"
        + "\"num_missing\":0,\"min_num_values\":1,\"max_num_values\":1,\"avg_num_values\":1.0,\"tot_num_values\":2,"
        + "\"num_values_histogram\":{\"buckets\":[{\"low_value\":1.0,\"high_value\":1.0,\"sample_count\":2.0}],"
        + "\"type\":\"QUANTILES\"}},"
        + "\"string_stats\":{\"unique\":1,\"avg_length\":5.0,\"top_values\":[{\"value\":\"" + v
        + "\",\"frequency\":2.0}],\"rank_histogram\":{\"buckets\":[{\"low_rank\":0,\"high_rank\":0,\"label\":\""
        + v + "\",\"sample_count\":2.0}]}}}]}]}");
    return dir;
  }
}
