package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.BeamlineException;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.io.examples.Examples;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed spill: later passes over a split give the first pass's arrays, bit for bit. */
class SplitFeedsTest {
  @TempDir Path dir;

  private static FeaturePlan plan(Taxi taxi, TrainerParameters p) {
    return FeaturePlan.of(SchemaText.readArtifact(taxi.schema),
        StatisticsJson.readSplit(taxi.statistics, "train").whole(), p, taxi.statistics);
  }

  @Test
  void laterPassesReplayTheDecodedArraysExactly() throws Exception {
    Taxi taxi = Taxi.get();
    TrainerParameters p = TrainerParameters.forLabel(Taxi.LABEL).withExclude(List.of("tips")).withBatchSize(500);
    FeaturePlan plan = plan(taxi, p);
    // What the examples decode to, directly.
    List<FeedArrays> decoded = new ArrayList<>();
    try (CloseableIterator<ExampleBatch> batches = Examples.batches(taxi.examples, "eval", 500)) {
      long row = 0;
      while (batches.hasNext()) {
        FeedArrays a = FeedArrays.of(batches.next(), plan, "eval", row);
        row += a.rows();
        decoded.add(a);
      }
    }
    Path spill = dir.resolve("eval.bin");
    try (SplitFeeds feeds = new SplitFeeds(taxi.examples, "eval", 500, plan, spill)) {
      assertEquals(labelsOf(decoded), labelsOfPass(feeds));
      assertTrue(feeds.cached());
      assertTrue(Files.size(spill) > 0);
      for (int pass = 0; pass < 2; pass++) {
        try (PrefetchedFeeds replay = feeds.pass()) {
          int i = 0;
          while (replay.hasNext()) {
            try (BatchFeed feed = replay.next()) {
              FeedArrays want = decoded.get(i++);
              assertEquals(want.rows(), feed.rows);
              assertArrayEquals(want.labels(), feed.labelArray);
            }
          }
          assertEquals(decoded.size(), i);
        }
      }
    }
    assertFalse(Files.exists(spill), "closing deletes the spill");
  }

  @Test
  void spillRoundTripsEveryTypeIncludingMissingAndEmptyStrings() {
    Taxi taxi = Taxi.get();
    FeaturePlan plan = plan(taxi, TrainerParameters.forLabel(Taxi.LABEL).withExclude(List.of("tips")));
    List<FeedArrays> written = new ArrayList<>();
    try (CloseableIterator<ExampleBatch> batches = Examples.batches(taxi.examples, "train", 777)) {
      while (batches.hasNext() && written.size() < 5) {
        written.add(FeedArrays.of(batches.next(), plan, "train", 0));
      }
    }
    Path file = dir.resolve("train.bin");
    try (FeedSpill spill = FeedSpill.create(file, plan)) {
      written.forEach(spill::append);
      spill.finish();
      assertEquals(5, spill.batches());
      try (CloseableIterator<FeedArrays> replay = spill.replay()) {
        for (FeedArrays want : written) {
          FeedArrays got = replay.next();
          assertEquals(want.rows(), got.rows());
          assertArrayEquals(want.labels(), got.labels());
          for (int f = 0; f < want.values().size(); f++) {
            assertArrayEquals(want.presents().get(f), got.presents().get(f), plan.features().get(f).name());
            Object w = want.values().get(f);
            Object g = got.values().get(f);
            if (w instanceof long[] l) {
              assertArrayEquals(l, (long[]) g);
            } else if (w instanceof float[] fl) {
              assertArrayEquals(fl, (float[]) g);
            } else {
              assertArrayEquals((byte[][]) w, (byte[][]) g);
            }
          }
        }
        assertFalse(replay.hasNext());
      }
    }
  }

  @Test
  void aTruncatedSpillFailsNamingTheFile() throws Exception {
    Taxi taxi = Taxi.get();
    FeaturePlan plan = plan(taxi, TrainerParameters.forLabel(Taxi.LABEL).withExclude(List.of("tips")));
    Path file = dir.resolve("cut.bin");
    try (FeedSpill spill = FeedSpill.create(file, plan)) {
      try (CloseableIterator<ExampleBatch> batches = Examples.batches(taxi.examples, "train", 100)) {
        spill.append(FeedArrays.of(batches.next(), plan, "train", 0));
      }
      spill.finish();
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(raf.length() - 10);
      }
      try (CloseableIterator<FeedArrays> replay = spill.replay()) {
        BeamlineException e = assertThrows(BeamlineException.class, replay::hasNext);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("ends inside a batch"),
            e.getMessage());
      }
    }
  }

  private static List<Float> labelsOf(List<FeedArrays> batches) {
    List<Float> labels = new ArrayList<>();
    for (FeedArrays a : batches) {
      for (float l : a.labels()) {
        labels.add(l);
      }
    }
    return labels;
  }

  private static List<Float> labelsOfPass(SplitFeeds feeds) {
    List<Float> labels = new ArrayList<>();
    try (PrefetchedFeeds pass = feeds.pass()) {
      while (pass.hasNext()) {
        try (BatchFeed feed = pass.next()) {
          for (float l : feed.labelArray) {
            labels.add(l);
          }
        }
      }
    }
    return labels;
  }
}
