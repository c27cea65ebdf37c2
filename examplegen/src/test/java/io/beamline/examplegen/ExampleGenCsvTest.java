package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.component.ComponentResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

class ExampleGenCsvTest {
  @TempDir Path tmp;

  @Test
  void smoke() throws Exception {
    ComponentResult r = ExampleGen.from(Fixtures.taxiCsv().toString()).run(tmp.resolve("out").toString());
    Map<String, Object> props = r.output("examples").properties().asMap();
    List<Example> train = Fixtures.readSplit(tmp.resolve("out/examples"), "train");
    assertTrue(train.size() > 9000, props.toString());
    assertEquals(15002, (Long) r.output("rejects").properties().getLong("row_count"));
  }
}
