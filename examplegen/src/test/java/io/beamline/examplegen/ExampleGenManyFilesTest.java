package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.component.ComponentResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/**
 * An input of many CSV files, which the DirectRunner reads in a few lanes of many files each (see
 * io's {@code CsvLane}), each lane read whole by the step that also writes the split files: every row
 * still becomes exactly one example, in the split Beam's sharded write puts it in, and a split has a
 * file per lane, not per input file.
 */
class ExampleGenManyFilesTest {
  @TempDir Path tmp;

  @Test
  void everyRowOfFortyFilesIsOneExampleInTheSplitTheShardedWriteGives() throws Exception {
    // 40 files of 4,500 rows (5 batches of 1,024), dealt whole into one lane per core
    int files = 40;
    int rowsPerFile = 4_500;
    Path in = tmp.resolve("in");
    for (int f = 0; f < files; f++) {
      StringBuilder text = new StringBuilder("id,value\n");
      for (int i = 0; i < rowsPerFile; i++) {
        long id = (long) f * rowsPerFile + i;
        text.append(id).append(',').append(id % 97).append(".5\n");
      }
      Fixtures.writeCsv(in, String.format("day-%02d.csv", f), text.toString());
    }
    Path out = tmp.resolve("out");
    ComponentResult r = ExampleGen.from(in.toString()).withSplits("train:2,eval:1").run(out.toString());

    Map<String, Object> counts = r.output("examples").properties().getMap("split_counts");
    long total = counts.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    assertEquals((long) files * rowsPerFile, total, counts.toString());
    TreeSet<Long> ids = new TreeSet<>();
    for (String split : List.of("train", "eval")) {
      List<Example> examples = Fixtures.readSplit(out.resolve("examples"), split);
      assertEquals(((Number) counts.get(split)).longValue(), examples.size(), split);
      for (Example e : examples) {
        long id = e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0);
        assertEquals((id % 97) + 0.5f, e.getFeatures().getFeatureOrThrow("value").getFloatList().getValue(0), 0f);
        ids.add(id);
      }
    }
    assertEquals(files * rowsPerFile, ids.size(), "every row once");
    assertEquals(0L, ids.first());
    assertEquals(files * rowsPerFile - 1L, ids.last());
    int lanes = Runtime.getRuntime().availableProcessors();
    for (String split : List.of("train", "eval")) {
      int written = dataFiles(out, split);
      assertTrue(written >= 1 && written <= lanes, split + ": " + written + " files for " + lanes + " lanes");
    }

    // the other path (an explicit shard count: examples handed to Beam's sharded write) splits alike
    Path sharded = tmp.resolve("sharded");
    ExampleGen.from(in.toString()).withSplits("train:2,eval:1").withNumShards(3).run(sharded.toString());
    for (String split : List.of("train", "eval")) {
      assertEquals(3, dataFiles(sharded, split), split);
      assertEquals(idsOf(Fixtures.readSplit(out.resolve("examples"), split)),
          idsOf(Fixtures.readSplit(sharded.resolve("examples"), split)), split);
    }
  }

  private static int dataFiles(Path run, String split) throws IOException {
    try (Stream<Path> files = Files.list(run.resolve("examples").resolve("Split-" + split))) {
      return (int) files.filter(f -> f.getFileName().toString().startsWith("data_")).count();
    }
  }

  private static TreeSet<Long> idsOf(List<Example> examples) {
    TreeSet<Long> ids = new TreeSet<>();
    for (Example e : examples) {
      ids.add(e.getFeatures().getFeatureOrThrow("id").getInt64List().getValue(0));
    }
    return ids;
  }
}
