package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.io.TempDir;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * Lanes of CSV parts: the restriction (claims across parts, checkpoints on record boundaries), how
 * files are dealt, and that the DirectRunner reads many files in a few lanes.
 */
class CsvLanesTest {
  @TempDir Path tmp;

  private static CsvLaneTracker.Position at(int part, long offset, long line) {
    return new CsvLaneTracker.Position(part, offset, line);
  }

  private static CsvFilePart part(String path, long bytes) {
    return new CsvFilePart(new InputFile("", path, bytes, 0), new CsvRange(0, 1, bytes), List.of("a"), ',', 8);
  }

  @Test
  void claimsRunThroughThePartsInOrderAndTheLaneIsDoneAtTheEnd() {
    CsvLaneTracker t = new CsvLaneTracker(new CsvLaneRange(0, 0, 1, 3, 0));
    assertTrue(t.tryClaim(at(0, 40, 3)));
    assertTrue(t.tryClaim(at(1, 10, 2)), "a later part's first batch comes after any offset of an earlier one");
    assertThrows(IllegalArgumentException.class, () -> t.tryClaim(at(0, 90, 9)));
    assertThrows(IllegalStateException.class, t::checkDone);
    assertTrue(t.tryClaim(at(2, 50, 4)));
    assertFalse(t.tryClaim(CsvLaneTracker.Position.END));
    t.checkDone();
  }

  @Test
  void checkpointHandsTheRestOfThePartAndTheLaterPartsToTheResidual() {
    CsvLaneTracker t = new CsvLaneTracker(new CsvLaneRange(0, 0, 1, 3, 0));
    assertTrue(t.tryClaim(at(1, 37, 5)));
    SplitResult<CsvLaneRange> split = t.trySplit(0);
    assertEquals(new CsvLaneRange(0, 0, 1, 1, 37), split.getPrimary());
    assertEquals(new CsvLaneRange(1, 37, 5, 3, 0), split.getResidual());
    assertFalse(t.tryClaim(at(1, 60, 6)), "the next records belong to the residual");
    t.checkDone();
    assertNull(t.trySplit(0), "nothing is left to hand over");
  }

  @Test
  void theRangeSaysWhichBytesOfEachPartItHolds() {
    CsvFilePart p = part("/x.csv", 100);
    CsvLaneRange r = new CsvLaneRange(1, 37, 5, 2, 60);
    assertNull(r.within(0, p), "before the start");
    assertEquals(new CsvRange(37, 5, 100), r.within(1, p));
    assertEquals(new CsvRange(0, 1, 60), r.within(2, p));
    assertNull(r.within(3, p), "after the end");
    assertNull(new CsvLaneRange(1, 100, 9, 3, 0).within(1, p), "a checkpoint at a part's end leaves none of it");
  }

  @Test
  void rangeCoderRoundTripsAndRejectsBadRanges() throws Exception {
    CsvLaneRange r = new CsvLaneRange(7, 123_456_789L, 4242, 1000, Long.MAX_VALUE);
    assertEquals(r, CoderUtils.clone(new CsvLaneRange.Coder(), r));
    assertThrows(IllegalArgumentException.class, () -> new CsvLaneRange(2, 0, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new CsvLaneRange(1, 50, 1, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new CsvLaneRange(0, 0, 0, 1, 0));
  }

  @Test
  void filesAreDealtIntoLanesOfAboutEqualBytesKeepingTheirOrder() {
    List<CsvFilePart> parts = List.of(part("/a", 50), part("/b", 10), part("/c", 40), part("/d", 30),
        part("/e", 20), part("/f", 10));
    List<CsvLane> lanes = CsvLane.deal(parts, 2);
    assertEquals(2, lanes.size());
    assertEquals(List.of("/a", "/b", "/e"), lanes.get(0).parts().stream().map(CsvFilePart::path).toList());
    assertEquals(List.of("/c", "/d", "/f"), lanes.get(1).parts().stream().map(CsvFilePart::path).toList());
    assertEquals(1, CsvLane.deal(parts, 1).size());
    assertEquals(6, CsvLane.deal(parts, 100).size(), "never more lanes than parts");
    assertEquals(parts, CsvLane.deal(parts, 100).stream().map(l -> l.parts().get(0)).toList());
  }

  @Test
  void theDirectRunnerReadsFortyFilesInTwoLanesHoldingEachFileOnce() throws Exception {
    for (int f = 0; f < 40; f++) {
      Files.writeString(tmp.resolve(String.format("day-%02d.csv", f)), "a,b\n" + f + ",x\n");
    }
    CsvInput input = CsvExamples.read(tmp.resolve("*.csv").toString()).resolve();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<CsvLane> lanes = p.apply(input.lanes(2));
    PAssert.that(lanes).satisfies(all -> {
      List<CsvLane> got = StreamSupport.stream(all.spliterator(), false).toList();
      assertEquals(2, got.size(), "two lanes");
      TreeSet<String> paths = new TreeSet<>();
      for (CsvLane lane : got) {
        assertEquals(20, lane.parts().size(), "files of one size are dealt evenly");
        for (CsvFilePart part : lane.parts()) {
          assertTrue(paths.add(part.path()), "each file once: " + part.path());
          assertEquals(new CsvRange(0, 1, part.file().size()), part.range(), "a whole file is one part");
        }
      }
      assertEquals(40, paths.size());
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void aSmallFileIsOneLaneWithNoCuttingOrShuffleAndABigOneIsStillCut() throws Exception {
    Path small = tmp.resolve("small.csv");
    Files.writeString(small, "a,b\n1,x\n2,y\n");
    long smallBytes = Files.size(small);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<CsvLane> lanes = p.apply(CsvExamples.read(small.toString()).resolve().lanes(2));
    PAssert.that(lanes).satisfies(all -> {
      List<CsvLane> got = StreamSupport.stream(all.spliterator(), false).toList();
      assertEquals(1, got.size());
      assertEquals(List.of(new CsvRange(0, 1, smallBytes)), got.get(0).parts().stream().map(CsvFilePart::range).toList());
      return null;
    });
    List<String> steps = primitiveSteps(p);
    assertTrue(steps.stream().noneMatch(s -> s.contains("CutFiles") || s.contains("Spread") || s.contains("Read")), String.valueOf(steps));
    p.run().waitUntilFinish();

    // 20 MB: cut into parts as it is found, the parts spread over the runner's threads.
    Path big = tmp.resolve("big.csv");
    StringBuilder rows = new StringBuilder("a,b\n");
    for (int i = 0; i < 1_000_000; i++) {
      rows.append(i).append(",xxxxxxxxxxxx\n");
    }
    Files.writeString(big, rows);
    Pipeline q = Pipeline.create(PipelineOptionsFactory.create());
    q.apply(CsvExamples.read(big.toString()).resolve().lanes(2));
    List<String> cut = primitiveSteps(q);
    assertTrue(cut.stream().anyMatch(s -> s.contains("CutFiles")) && cut.stream().anyMatch(s -> s.contains("SpreadParts")),
        String.valueOf(cut));
  }

  private static List<String> primitiveSteps(Pipeline p) {
    List<String> steps = new ArrayList<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        steps.add(node.getFullName());
      }
    });
    return steps;
  }
}
