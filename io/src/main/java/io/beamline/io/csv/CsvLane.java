package io.beamline.io.csv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Parts of CSV files one reader takes in turn ({@link CsvInput#lanes}, read by {@link ReadCsvBatchesFn}
 * or by a step of one's own, {@code for (CsvFilePart part : lane.parts()) try (CsvPartReader r =
 * part.open()) ...}): on a cluster each part is a lane of its own; on Beam's DirectRunner many files
 * are dealt into a few lanes. That runner has no
 * backpressure: every element its reader is given is read at once, and what each read emits waits
 * in memory until the next steps take it. With one element per file, what waits grew with the number
 * of files (1,000 taxi files of 15,000 rows ran a 1 GiB heap into back-to-back full collections);
 * with a few lanes it is bounded by the number of lanes, whatever the number of files.
 */
public final class CsvLane implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<CsvFilePart> parts;

  CsvLane(List<CsvFilePart> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a lane holds at least one part");
    }
    this.parts = List.copyOf(parts);
  }

  /** A lane of one part. */
  static CsvLane of(CsvFilePart part) {
    return new CsvLane(List.of(part));
  }

  /**
   * The parts dealt into at most {@code lanes} lanes of about the same number of bytes (each part in
   * turn, biggest first, to the lane with the fewest bytes so far); within a lane the parts keep the
   * order they were given in, and the lanes are in the order of their first parts.
   */
  static List<CsvLane> deal(List<CsvFilePart> parts, int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
    }
    int n = Math.min(lanes, parts.size());
    List<List<Integer>> dealt = new ArrayList<>();
    long[] bytes = new long[n];
    for (int i = 0; i < n; i++) {
      dealt.add(new ArrayList<>());
    }
    IntStream.range(0, parts.size()).boxed()
        .sorted(Comparator.comparingLong((Integer i) -> size(parts.get(i))).reversed().thenComparing(i -> i))
        .forEach(i -> {
          int lightest = 0;
          for (int l = 1; l < n; l++) {
            if (bytes[l] < bytes[lightest]) {
              lightest = l;
            }
          }
          dealt.get(lightest).add(i);
          bytes[lightest] += size(parts.get(i));
        });
    return dealt.stream()
        .sorted(Comparator.comparing((List<Integer> indexes) -> indexes.stream().min(Integer::compare).orElseThrow()))
        .map(indexes -> new CsvLane(indexes.stream().sorted().map(parts::get).toList()))
        .toList();
  }

  /** A part's bytes (see {@link #bytes}). */
  static long size(CsvFilePart part) {
    return bytes(part, part.range());
  }

  /**
   * The bytes of {@code range} in {@code part}'s file; for a compressed file, whose content length is
   * not known, its bytes on disk past the range's start (at least 1 while the range is unread).
   */
  static long bytes(CsvFilePart part, CsvRange range) {
    return range.endOffset() == Long.MAX_VALUE ? Math.max(1, part.file().size() - range.startOffset())
        : range.endOffset() - range.startOffset();
  }

  /** The lane's parts, in the order they are read. */
  public List<CsvFilePart> parts() {
    return parts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvLane l && parts.equals(l.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  @Override
  public String toString() {
    return parts.size() == 1 ? parts.get(0).toString() : parts.size() + " parts from " + parts.get(0);
  }
}
