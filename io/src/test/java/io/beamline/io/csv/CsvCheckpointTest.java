package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a CSV file interrupted by checkpoints, the reader's own or a runner's after any claim,
 * gives exactly the rows, line numbers and rejects of one uninterrupted read.
 */
class CsvCheckpointTest {
  @TempDir Path tmp;

  static final String CSV = "id,name,score\r\n"
      + "1,plain,10\r\n"
      + "2,\"quoted, with comma\",20\n"
      + "\n"
      + "3,\"two\nlines\",30\n"
      + "4,too,many,fields\n"
      + "5,\"\"\"quotes\"\"\",\n"
      + "6,,60\n"
      + "7,x\"y,70\n"
      + "8,\"multi\r\nline\r\nfield\",80\n"
      + "9,last,90\n"
      + "10,\"never closed,100\n";

  /** Collects what the reader emits, in order, as text lines easy to compare (each after its file's path if asked). */
  static final class Collected implements DoFn.MultiOutputReceiver {
    final List<String> out = new ArrayList<>();
    final boolean withFile;

    Collected(boolean withFile) {
      this.withFile = withFile;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> DoFn.OutputReceiver<T> get(TupleTag<T> tag) {
      return new DoFn.OutputReceiver<T>() {
        @Override
        public void output(T value) {
          if (value instanceof CsvBatch b) {
            for (int r = 0; r < b.rowCount(); r++) {
              String[] row = new String[b.columnCount()];
              for (int c = 0; c < row.length; c++) {
                row[c] = b.value(c, r);
              }
              out.add((withFile ? b.file() + " " : "") + "row " + b.line(r) + " " + Arrays.toString(row));
            }
          } else {
            Reject j = (Reject) value;
            out.add((withFile ? j.file() + " " : "") + "reject " + j.line() + " " + j.reason() + " [" + j.raw() + "]");
          }
        }

        @Override
        public void outputWithTimestamp(T value, Instant timestamp) {
          output(value);
        }
      };
    }

    @Override
    public <T> DoFn.OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
      throw new UnsupportedOperationException("rows are not used");
    }
  }

  /** A tracker that, like a runner, checkpoints right after every {@code every}-th claim. */
  static final class CheckpointingTracker extends RestrictionTracker<CsvLaneRange, CsvLaneTracker.Position> {
    final CsvLaneTracker inner;
    final int every;
    int claims;
    CsvLaneRange residual;

    CheckpointingTracker(CsvLaneRange range, int every) {
      this.inner = new CsvLaneTracker(range);
      this.every = every;
    }

    @Override
    public boolean tryClaim(CsvLaneTracker.Position position) {
      boolean ok = inner.tryClaim(position);
      if (ok && ++claims % every == 0 && residual == null) {
        SplitResult<CsvLaneRange> split = inner.trySplit(0);
        residual = split == null ? null : split.getResidual();
      }
      return ok;
    }

    @Override
    public CsvLaneRange currentRestriction() {
      return inner.currentRestriction();
    }

    @Override
    public SplitResult<CsvLaneRange> trySplit(double fraction) {
      return inner.trySplit(fraction);
    }

    @Override
    public void checkDone() {
      inner.checkDone();
    }

    @Override
    public IsBounded isBounded() {
      return IsBounded.BOUNDED;
    }
  }

  private InputFile file() throws Exception {
    return file("data.csv", CSV);
  }

  private InputFile file(String name, String text) throws Exception {
    Path p = Files.writeString(tmp.resolve(name), text, java.nio.charset.StandardCharsets.ISO_8859_1);
    return new InputFile("", p.toString(), Files.size(p), 0);
  }

  /** A gzip'd file: a part of unknown length, read to the end of its content. */
  private InputFile gzipped(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return new InputFile("", p.toString(), Files.size(p), 0);
  }

  /** Runs the reader over the whole file as a runner would, resuming from each residual. */
  static List<String> read(InputFile file, int batchRows, int batchesPerCall, int runnerEvery)
      throws Exception {
    return read(List.of(file), batchRows, batchesPerCall, runnerEvery, new Collected(false));
  }

  /** Runs the reader over a lane of the files, whole, as a runner would, resuming from each residual. */
  static List<String> read(List<InputFile> files, int batchRows, int batchesPerCall, int runnerEvery,
      Collected collected) throws Exception {
    List<String> header = List.of("id", "name", "score");
    ReadCsvBatchesFn<CsvBatch> fn = ReadCsvBatchesFn.rows(header, ',', batchRows, batchesPerCall);
    CsvLane lane = new CsvLane(files.stream().map(f -> new CsvFilePart(f, new CsvRange(0, 1,
        f.path().endsWith(".gz") ? Long.MAX_VALUE : f.size()), header, ',', batchRows)).toList());
    CsvLaneRange range = fn.initialRestriction(lane);
    assertEquals(files.stream().mapToLong(InputFile::size).sum(), fn.size(lane, range), 0);
    int calls = 0;
    while (range != null) {
      calls++;
      CheckpointingTracker tracker = new CheckpointingTracker(range, runnerEvery);
      DoFn.ProcessContinuation c = fn.process(lane, tracker, collected);
      CsvLaneRange next = tracker.residual;
      if (c.shouldResume()) {
        // a runner checkpoint ends the call with stop(), unless it fell on the reader's own last batch
        assertTrue(next == null || batchesPerCall == 1, "a runner checkpoint ends the call with stop()");
        next = next != null ? next : residual(tracker.trySplit(0));
      }
      tracker.checkDone();
      range = next;
    }
    collected.out.add("calls " + calls);
    return collected.out;
  }

  private static CsvLaneRange residual(SplitResult<CsvLaneRange> split) {
    return split == null ? null : split.getResidual();
  }

  private static List<String> withoutCalls(List<String> out) {
    return out.subList(0, out.size() - 1);
  }

  @Test
  void oneUninterruptedReadSeesEveryRowWithItsFirstLine() throws Exception {
    List<String> out = read(file(), 1024, 1024, Integer.MAX_VALUE);
    assertEquals(List.of(
        "reject 7 expected 3 fields (as in the header), got 4 [4,too,many,fields]",
        "reject 15 quoted field opened but never closed before the end of the file [10,\"never closed,100\n]",
        "row 2 [1, plain, 10]",
        "row 3 [2, quoted, with comma, 20]",
        "row 5 [3, two\nlines, 30]",
        "row 8 [5, \"quotes\", null]",
        "row 9 [6, null, 60]",
        "row 10 [7, x\"y, 70]",
        "row 11 [8, multi\r\nline\r\nfield, 80]",
        "row 14 [9, last, 90]",
        "calls 1"), out);
  }

  @Test
  void selfCheckpointsAfterEveryTinyBatchGiveTheSameRowsAndLines() throws Exception {
    List<String> whole = withoutCalls(read(file(), 1024, 1024, Integer.MAX_VALUE));
    for (int rows = 1; rows <= 3; rows++) {
      List<String> pieces = read(file(), rows, 1, Integer.MAX_VALUE);
      assertTrue(Integer.parseInt(pieces.get(pieces.size() - 1).substring(6)) > 3, "checkpointed");
      assertEquals(sorted(whole), sorted(withoutCalls(pieces)), "batches of " + rows);
    }
  }

  @Test
  void runnerCheckpointsAfterAnyClaimGiveTheSameRowsAndLines() throws Exception {
    List<String> whole = withoutCalls(read(file(), 1024, 1024, Integer.MAX_VALUE));
    for (int every = 1; every <= 3; every++) {
      List<String> pieces = read(file(), 1, 1024, every);
      assertEquals(sorted(whole), sorted(withoutCalls(pieces)), "checkpoint after every " + every);
    }
  }

  /**
   * A lane of several files read with checkpoints anywhere (after every tiny batch, the runner's
   * after any claim, at a file's last batch) gives each file's rows and rejects with that file's own
   * line numbers, as when each file is read alone.
   */
  @Test
  void aLaneOfFilesGivesEachFilesRowsWithItsOwnLinesWhereverItIsCheckpointed() throws Exception {
    List<InputFile> files = List.of(file("a.csv", CSV), file("b.csv", "id,name,score\n11,b,1\n12,\"b\nb\",2\n"),
        gzipped("d.csv.gz", CSV.replace("plain", "zipped")), file("c.csv", CSV.replace("plain", "other")));
    List<String> alone = new ArrayList<>();
    for (InputFile f : files) {
      alone.addAll(tagged(List.of(f), 1024, Integer.MAX_VALUE));
    }
    assertTrue(alone.stream().anyMatch(line -> line.contains("d.csv.gz row 2 [1, zipped, 10]")), alone.toString());
    for (int rows = 1; rows <= 3; rows++) {
      for (int every : new int[] {1, 2, 5, Integer.MAX_VALUE}) {
        List<String> lane = tagged(files, rows, every);
        assertEquals(sorted(alone), sorted(lane), "batches of " + rows + ", runner checkpoint every " + every);
      }
    }
  }

  /** Reads the lane in batches of {@code rows}, one batch a call; each line after its file's path. */
  private static List<String> tagged(List<InputFile> files, int rows, int runnerEvery) throws Exception {
    return withoutCalls(read(files, rows, 1, runnerEvery, new Collected(true)));
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }
}
