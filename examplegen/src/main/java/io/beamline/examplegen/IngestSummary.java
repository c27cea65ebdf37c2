package io.beamline.examplegen;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.files.LineFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The counts and types a run found, written by the pipeline as {@value #FILE_NAME} in the rejects
 * output and read back by the executor for the artifact properties. A file rather than Beam metrics,
 * because not every runner reports committed metrics.
 *
 * @param splitCounts examples per split
 * @param rejects rows rejected
 * @param featureTypes the type of each feature
 */
record IngestSummary(Map<String, Long> splitCounts, long rejects, Map<String, FeatureType> featureTypes) {
  static final String FILE_NAME = "summary.json";

  IngestSummary {
    splitCounts = Map.copyOf(splitCounts);
    featureTypes = Map.copyOf(featureTypes);
  }

  long examples() {
    return splitCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Adds the step writing the summary of these facts ({@code split:<name>}, {@code rejects}, {@code type:<name>}). */
  static void write(PCollectionList<KV<String, Long>> facts, String dir) {
    facts.apply("FlattenFacts", Flatten.pCollections())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("OneSummary", WithKeys.of("summary"))
        .apply("GatherFacts", GroupByKey.create())
        .apply(Values.create())
        .apply("SummaryJson", MapElements.into(TypeDescriptors.strings()).via(IngestSummary::toJson))
        .apply("WriteSummary", LineFile.to(ArtifactUris.child(dir, FILE_NAME)));
  }

  private static String toJson(Iterable<KV<String, Long>> facts) {
    Map<String, Long> splits = new TreeMap<>();
    Map<String, String> types = new TreeMap<>();
    long rejects = 0;
    for (KV<String, Long> f : facts) {
      String k = f.getKey();
      if (k.startsWith("split:")) {
        splits.put(k.substring(6), f.getValue());
      } else if (k.startsWith("type:")) {
        types.put(k.substring(5), FeatureType.values()[f.getValue().intValue()].name());
      } else if (k.equals("rejects")) {
        rejects += f.getValue();
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("split_counts", splits);
    doc.put("rejects", rejects);
    doc.put("feature_types", types);
    return Json.write(doc);
  }

  static IngestSummary read(String dir) {
    String file = ArtifactUris.child(dir, FILE_NAME);
    JsonNode doc = Json.tree(TextFiles.read(file, "Run summary"));
    Map<String, Long> splits = new TreeMap<>();
    doc.path("split_counts").fields().forEachRemaining(e -> splits.put(e.getKey(), e.getValue().asLong()));
    Map<String, FeatureType> types = new TreeMap<>();
    doc.path("feature_types").fields()
        .forEachRemaining(e -> types.put(e.getKey(), FeatureType.valueOf(e.getValue().asText())));
    return new IngestSummary(splits, doc.path("rejects").asLong(), types);
  }

}
