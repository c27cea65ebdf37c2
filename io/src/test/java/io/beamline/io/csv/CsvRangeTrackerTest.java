package io.beamline.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The CSV restriction: claims, checkpoints on record boundaries, resuming with the right line. */
class CsvRangeTrackerTest {
  private static CsvRangeTracker.Position at(long offset, long line) {
    return new CsvRangeTracker.Position(offset, line);
  }

  @Test
  void claimsAdvanceAndTheRangeIsDoneAtTheEnd() {
    CsvRangeTracker t = new CsvRangeTracker(new CsvRange(0, 1, 100));
    assertTrue(t.tryClaim(at(40, 3)));
    assertThrows(IllegalStateException.class, t::checkDone);
    assertThrows(IllegalArgumentException.class, () -> t.tryClaim(at(40, 3)));
    assertTrue(t.tryClaim(at(100, 7)));
    t.checkDone();
    assertFalse(t.tryClaim(at(120, 8)), "nothing starts at or after the end");
  }

  @Test
  void endOfInputClaimFinishesARangeOfUnknownLength() {
    CsvRangeTracker t = new CsvRangeTracker(new CsvRange(0, 1, Long.MAX_VALUE));
    assertTrue(t.tryClaim(at(10, 2)));
    assertFalse(t.tryClaim(CsvRangeTracker.Position.END));
    t.checkDone();
  }

  @Test
  void checkpointGivesAResidualOnTheNextRecordWithItsLine() {
    CsvRangeTracker t = new CsvRangeTracker(new CsvRange(0, 1, 100));
    assertTrue(t.tryClaim(at(37, 5)));
    SplitResult<CsvRange> split = t.trySplit(0);
    assertEquals(new CsvRange(0, 1, 37), split.getPrimary());
    assertEquals(new CsvRange(37, 5, 100), split.getResidual());
    assertEquals(new CsvRange(0, 1, 37), t.currentRestriction());
    assertFalse(t.tryClaim(at(60, 6)), "the next records belong to the residual");
    t.checkDone();
  }

  @Test
  void checkpointBeforeAnyClaimHandsOverEverything() {
    CsvRangeTracker t = new CsvRangeTracker(new CsvRange(10, 2, 100));
    SplitResult<CsvRange> split = t.trySplit(0);
    assertEquals(new CsvRange(10, 2, 10), split.getPrimary());
    assertEquals(new CsvRange(10, 2, 100), split.getResidual());
    t.checkDone();
  }

  @Test
  void splitsAheadOfTheReaderAndAfterTheEndAreRefused() {
    CsvRangeTracker t = new CsvRangeTracker(new CsvRange(0, 1, 100));
    assertTrue(t.tryClaim(at(30, 2)));
    assertNull(t.trySplit(0.5), "no record boundary ahead of the reader is known");
    assertTrue(t.tryClaim(at(100, 9)));
    assertNull(t.trySplit(0));
  }

  @Test
  void rangeCoderRoundTripsAndRejectsBadRanges() throws Exception {
    CsvRange r = new CsvRange(123_456_789L, 4242, Long.MAX_VALUE);
    assertEquals(r, CoderUtils.clone(new CsvRange.Coder(), r));
    assertThrows(IllegalArgumentException.class, () -> new CsvRange(10, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> new CsvRange(0, 0, 5));
  }

  /**
   * A quoted field with line breaks straddles the point where a line-based reader would cut: the
   * residual of a checkpoint taken after the record before it starts at that record, on its first
   * physical line, and reads it whole.
   */
  @Test
  void quotedNewlinesStraddlingACheckpointStayInOneRecord() throws IOException {
    String text = "a,b\n1,x\n2,\"multi\nline\r\nfield\"\n3,y\n";
    CsvRecordSplitter whole = new CsvRecordSplitter(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), ',', '"');
    whole.next(); // header
    whole.next(); // 1,x
    CsvRangeTracker t = new CsvRangeTracker(new CsvRange(0, 1, text.length()));
    assertTrue(t.tryClaim(at(whole.offset(), whole.line())));
    CsvRange residual = t.trySplit(0).getResidual();
    assertEquals(8, residual.startOffset());
    assertEquals(3, residual.startLine());

    CsvRecordSplitter resumed = new CsvRecordSplitter(
        new ByteArrayInputStream(text.substring((int) residual.startOffset()).getBytes(StandardCharsets.ISO_8859_1)), ',', '"',
        residual.startOffset(), residual.startLine());
    List<String> got = new ArrayList<>();
    for (CsvRecordSplitter.Chunk c = resumed.next(); c != null; c = resumed.next()) {
      got.add(c.line() + ":" + c.text());
    }
    assertEquals(List.of("3:2,\"multi\nline\r\nfield\"", "6:3,y"), got);
    assertEquals(text.length(), resumed.offset());
  }
}
