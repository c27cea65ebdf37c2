package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.component.ComponentResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/**
 * An input of many CSV files, which the DirectRunner reads in a few lanes of many files each (see
 * io's {@code CsvLane}): every row still becomes exactly one example, with checkpoints falling inside
 * files and between them.
 */
class ExampleGenManyFilesTest {
  @TempDir Path tmp;

  @Test
  void everyRowOfFortyFilesIsOneExampleWhenEachFileIsReadInSeveralCalls() throws Exception {
    // 40 files of 4,500 rows (5 batches of 1,024) in at most 2-4 lanes of 10-20 files, 32 batches a
    // call: a lane takes several calls, and a call ends inside a file
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
  }
}
