package io.beamline.schemagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.StatisticsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaGenComponentTest {
  @TempDir Path tmp;

  private Path statisticsArtifact(String... splits) throws Exception {
    DatasetFeatureStatistics penguin = CsvStatistics.of(CsvStatistics.dataFile("penguin/labelled.csv"));
    Path dir = tmp.resolve("statistics");
    for (String split : splits) {
      StatisticsJson.write(DatasetFeatureStatisticsList.of(penguin), StatisticsJson.splitFile(dir.toString(), split));
    }
    return dir;
  }

  @Test
  void writesTheInferredSchemaAsAnArtifact() throws Exception {
    Path stats = statisticsArtifact("train", "eval");
    ComponentResult result = SchemaGen.run(stats.toString(), tmp.resolve("schema").toString());
    assertEquals("train", result.output(SchemaGen.SCHEMA).properties().getString("split"));
    assertEquals(5L, result.output(SchemaGen.SCHEMA).properties().getLong("num_features"));
    Path pbtxt = tmp.resolve("schema").resolve(SchemaText.FILE_NAME);
    assertEquals(Files.readString(CsvStatistics.dataFile("penguin/schema.pbtxt")), Files.readString(pbtxt));
    assertTrue(Files.readString(tmp.resolve("schema").resolve(SchemaText.JSON_FILE_NAME)).contains("\"species\""));
  }

  @Test
  void usesTheOnlySplitWhenThereIsNoTrainSplitAndOtherwiseSaysWhichSplitsExist() throws Exception {
    Path single = statisticsArtifact("data");
    assertEquals("data", SchemaGen.run(single.toString(), tmp.resolve("s1").toString())
        .output(SchemaGen.SCHEMA).properties().getString("split"));

    Path two = tmp.resolve("two");
    Files.move(single, two);
    StatisticsJson.write(StatisticsJson.readSplit(two.toString(), "data"), StatisticsJson.splitFile(two.toString(), "x"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SchemaGen.run(two.toString(), tmp.resolve("s2").toString()));
    assertTrue(e.getMessage().endsWith("have no split 'train' to infer a schema from; splits: [data, x]"),
        e.getMessage());
    assertFalse(Files.exists(tmp.resolve("s2")));
  }

  @Test
  void importSchemaGenKeepsTheCuratedFileAsWritten() throws Exception {
    String curated = "# tightened by hand\nfeature { name: \"fare\" type: FLOAT float_domain { min: 0 } }\n";
    Path file = tmp.resolve("curated.pbtxt");
    Files.writeString(file, curated);
    ComponentResult result = ImportSchemaGen.run(file.toString(), tmp.resolve("schema").toString());
    assertEquals(1L, result.output(ImportSchemaGen.SCHEMA).properties().getLong("num_features"));
    assertEquals(curated, Files.readString(tmp.resolve("schema").resolve(SchemaText.FILE_NAME)));
    Schema schema = SchemaText.readArtifact(tmp.resolve("schema").toString());
    assertEquals(0.0, schema.requireFeature("fare").floatDomain().min());
  }

  @Test
  void importSchemaGenRejectsAnUnparseableFileWithLineAndColumn() throws Exception {
    Path file = tmp.resolve("broken.pbtxt");
    Files.writeString(file, "feature {\n  name: \"fare\"\n  type FLOAT\n}\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ImportSchemaGen.run(file.toString(), tmp.resolve("schema").toString()));
    assertEquals("Cannot parse " + file + " at line 3, column 8: expected ':' or '{' after field name 'type', got"
        + " 'FLOAT'", e.getMessage());
    assertFalse(Files.exists(tmp.resolve("schema")));

    InvalidParameterException noFile = assertThrows(InvalidParameterException.class,
        () -> ImportSchemaGen.run("", tmp.resolve("schema").toString()));
    assertTrue(noFile.getMessage().contains("schema_file is required"), noFile.getMessage());
  }
}
