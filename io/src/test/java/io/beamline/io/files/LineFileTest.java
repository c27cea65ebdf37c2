package io.beamline.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One text file from many bundles' lines, with no part file left; an empty input, an empty file. */
class LineFileTest {
  @TempDir Path tmp;

  private void write(List<String> lines, Path file) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--targetParallelism=4").create());
    p.apply(Create.of(lines).withCoder(StringUtf8Coder.of())) // read in several bundles
        .apply(LineFile.to(file.toString()));
    p.run().waitUntilFinish();
  }

  private List<String> leftBeside(Path file) throws Exception {
    try (Stream<Path> s = Files.list(file.getParent())) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyLineOnceInOneFileAndNoPartLeft() throws Exception {
    List<String> lines = new ArrayList<>(IntStream.range(0, 20_000).mapToObj(i -> "{\"row\":" + i + ",\"t\":\"é\"}").toList());
    lines.add("");
    Path file = tmp.resolve("dir [1]").resolve("rejects.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "an older file, replaced\n");
    write(lines, file);

    List<String> read = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    assertEquals(lines.size(), read.size());
    read.sort(null);
    List<String> expected = new ArrayList<>(lines);
    expected.sort(null);
    assertEquals(expected, read);
    assertEquals(List.of("rejects.jsonl"), leftBeside(file));
  }

  @Test
  void noLinesGiveAnEmptyFile() throws Exception {
    Path file = tmp.resolve("types.json");
    write(List.of(), file);
    assertEquals(0, Files.size(file));
    assertEquals(List.of("types.json"), leftBeside(file));
  }
}
