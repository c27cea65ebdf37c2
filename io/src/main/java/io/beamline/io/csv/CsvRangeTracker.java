package io.beamline.io.csv;

import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * Tracks a reader through a {@link CsvRange}. A claim is "the records from the end of the previous
 * claim up to {@code offset} (exclusive), after which the next record starts on {@code line}": the
 * reader claims after reading a batch of records and before emitting it, so a batch is emitted only
 * when its first record starts inside the range.
 *
 * <p>Only checkpoints are supported ({@code trySplit(0)}): the primary keeps what was claimed and
 * the residual starts exactly at the next record boundary with its line number. A split ahead of the
 * reader ({@code fraction > 0}) is refused because no record boundary past the reader is known.
 */
final class CsvRangeTracker extends RestrictionTracker<CsvRange, CsvRangeTracker.Position>
    implements RestrictionTracker.HasProgress {
  /** A claim: records up to {@code offset} (exclusive); the next starts on {@code line}. */
  record Position(long offset, long line) {
    /** Claimed at the end of the input: nothing more to read, the range is done. */
    static final Position END = new Position(Long.MAX_VALUE, Long.MAX_VALUE);
  }

  private CsvRange range;
  private long next;
  private long nextLine;
  private boolean finished;

  CsvRangeTracker(CsvRange range) {
    this.range = range;
    this.next = range.startOffset();
    this.nextLine = range.startLine();
  }

  @Override
  public boolean tryClaim(Position position) {
    if (finished) {
      throw new IllegalStateException("Claim of " + position + " after the range " + range + " was done");
    }
    if (next >= range.endOffset() || position.equals(Position.END)) {
      finished = true;
      return false;
    }
    if (position.offset() <= next) {
      throw new IllegalArgumentException("Claim of records up to offset " + position.offset()
          + ", but the previous claim already reached " + next);
    }
    next = position.offset();
    nextLine = position.line();
    return true;
  }

  @Override
  public CsvRange currentRestriction() {
    return range;
  }

  @Override
  public SplitResult<CsvRange> trySplit(double fractionOfRemainder) {
    if (fractionOfRemainder != 0 || finished || next >= range.endOffset()) {
      return null;
    }
    CsvRange primary = new CsvRange(range.startOffset(), range.startLine(), next);
    CsvRange residual = new CsvRange(next, nextLine, range.endOffset());
    range = primary;
    return SplitResult.of(primary, residual);
  }

  @Override
  public void checkDone() {
    if (!finished && next < range.endOffset()) {
      throw new IllegalStateException("CSV range " + range + " not read to its end: the last claim"
          + " ended at offset " + next);
    }
  }

  @Override
  public IsBounded isBounded() {
    return IsBounded.BOUNDED;
  }

  @Override
  public Progress getProgress() {
    double done = next - range.startOffset();
    // the end of a compressed file's content is unknown: report one unit of work left
    double left = range.endOffset() == Long.MAX_VALUE ? 1 : Math.max(0, range.endOffset() - next);
    return Progress.from(done, finished ? 0 : left);
  }
}
