package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.component.ComponentResult;
import io.beamline.io.examples.Examples;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths given by users are paths, not patterns: directories named with glob characters ({@code [1]},
 * {@code {a}}) or a backslash work as input files and as output directories.
 */
class ExampleGenGlobPathsTest {
  @TempDir Path tmp;

  private static String csv() {
    StringBuilder text = new StringBuilder("id,name\n");
    for (int i = 0; i < 100; i++) {
      text.append(i).append(",n").append(i % 7).append('\n');
    }
    return text.toString();
  }

  @Test
  void globCharactersInInputAndOutputPathsAreLiteral() throws Exception {
    Path in = Fixtures.writeCsv(tmp.resolve("in[1]/{a}"), "data[x].csv", csv());
    Path out = tmp.resolve("out[1]/{a}*?");
    ComponentResult r = ExampleGen.from(in.toString()).withSplits("all:1").run(out.toString());
    assertEquals(Map.of("all", 100L), r.output("examples").properties().getMap("split_counts"));
    assertEquals(100, Fixtures.readSplit(out.resolve("examples"), "all").size());
    assertEquals(1, Examples.payloadFileUris(out.resolve("examples").toString(), "all").size());
  }

  @Test
  void aBackslashInTheOutputPathIsLiteral() throws Exception {
    Path in = Fixtures.writeCsv(tmp.resolve("in"), "data.csv", csv());
    Path out = tmp.resolve("home\\Q\\u12x\\E");
    ComponentResult r = ExampleGen.from(in.toString()).withSplits("all:1").run(out.toString());
    assertEquals(Map.of("all", 100L), r.output("examples").properties().getMap("split_counts"));
    assertEquals(100, Fixtures.readSplit(out.resolve("examples"), "all").size());
  }
}
