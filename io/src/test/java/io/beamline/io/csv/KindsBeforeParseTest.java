package io.beamline.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.examples.FeatureType;
import io.beamline.io.examples.ExampleWire;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The typed steps classify a cell only until its column's type is seen and leave the rest to the
 * parse: on every batch, that says "fits" exactly when classifying every cell does, and reports the
 * same kinds.
 */
class KindsBeforeParseTest {
  /** Cells of every kind, and the shapes where a number parser and the classifier could part ways. */
  private static final String[] CELLS = {null, "0", "-3", "+7", "9223372036854775807", "9223372036854775808",
      "12.45", "-0.5", ".5", "5.", "1e5", "1E-3", "nan", "-Inf", "infinity", "1234567890.12345678", "x", "1.2.3",
      "1e", "- 1", " 5", "0x1A", "1f", "abc", "12,5"};

  @Test
  void convertingFitsExactlyWhenEveryCellFitsAndReportsTheSameKinds() {
    SplittableRandom random = new SplittableRandom(20261204);
    FeatureType[] all = FeatureType.values();
    int fitting = 0;
    int notFitting = 0;
    for (int trial = 0; trial < 3_000; trial++) {
      int columns = 1 + random.nextInt(4);
      int rows = 1 + random.nextInt(6);
      String[][] cells = new String[columns][rows];
      FeatureType[] types = new FeatureType[columns];
      List<String> header = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        header.add("f" + c);
        types[c] = all[random.nextInt(all.length)];
        // mostly numbers, so that INT and FLOAT columns often fit and the scan stops early
        int pool = random.nextInt(3) == 0 ? CELLS.length : 16;
        for (int r = 0; r < rows; r++) {
          cells[c][r] = CELLS[random.nextInt(pool)];
        }
      }
      long[] lines = new long[rows];
      for (int r = 0; r < rows; r++) {
        lines[r] = r + 2;
      }
      CsvBatch batch = CsvBatch.of("", "t.csv", lines, cells);
      byte[] everyCell = CsvTypes.kinds(batch);
      ExampleWire wire = new ExampleWire(header, types);
      CsvIngest.Converted<byte[]> converted = CsvIngest.convert(batch, types, r -> wire.row(batch, r));
      String what = "types " + List.of(types) + ", cells " + Arrays.deepToString(cells);
      assertArrayEquals(everyCell, converted.kinds(), what);
      if (CsvTypes.fits(everyCell, types)) {
        fitting++;
        assertNotNull(converted.rows(), what);
        assertEquals(rows, converted.rows().size(), what);
      } else {
        notFitting++;
        assertNull(converted.rows(), what);
      }
    }
    // both outcomes were exercised many times, and both ways of finding a misfit (scan and parse)
    assertTrue(fitting > 300 && notFitting > 300, fitting + " fitting, " + notFitting + " not");
  }

  @Test
  void aColumnsScanStopsAtItsFirstCellOfItsType() {
    // the FLOAT column's text after its first decimal is found by the parse, not the scan
    CsvBatch batch = CsvBatch.of("", "t.csv", new long[] {2, 3, 4},
        new String[][] {{"1", "2.5", "oops"}, {"a", "1", "2"}});
    FeatureType[] types = {FeatureType.FLOAT, FeatureType.BYTES};
    assertArrayEquals(new byte[] {ValueKinds.FLOAT, ValueKinds.BYTES}, CsvTypes.kindsBeforeParse(batch, types));
    ExampleWire wire = new ExampleWire(List.of("a", "b"), types);
    CsvIngest.Converted<byte[]> converted = CsvIngest.convert(batch, types, r -> wire.row(batch, r));
    assertNull(converted.rows());
    assertArrayEquals(new byte[] {ValueKinds.BYTES, ValueKinds.BYTES}, converted.kinds());
    // an INT column's scan stops at its first integer too: the decimal after it is the parse's to find
    assertArrayEquals(new byte[] {ValueKinds.INT, ValueKinds.BYTES},
        CsvTypes.kindsBeforeParse(batch, new FeatureType[] {FeatureType.INT, FeatureType.BYTES}));
    // a misfit the scan itself meets (text before any integer): no conversion is tried
    CsvBatch textFirst = CsvBatch.of("", "t.csv", new long[] {2, 3}, new String[][] {{"n/a", "1"}});
    assertNull(CsvTypes.kindsBeforeParse(textFirst, new FeatureType[] {FeatureType.INT}));
  }
}
