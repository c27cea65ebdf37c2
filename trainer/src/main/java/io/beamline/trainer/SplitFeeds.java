package io.beamline.trainer;

import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.io.examples.Examples;
import java.nio.file.Path;

/**
 * The passes over one split that a training makes (an epoch, or an evaluation each epoch): the first
 * pass decodes the examples and keeps what it fed in a {@link FeedSpill}; every later pass replays
 * the spill. A first pass that does not reach the end (an error, a stop) leaves no spill, and the
 * next pass decodes again. Closing deletes the spill. Without a spill file every pass decodes (for a
 * split read once).
 */
final class SplitFeeds implements AutoCloseable {
  private final String examplesUri;
  private final String split;
  private final int batchSize;
  private final FeaturePlan plan;
  private final Path spillFile;
  private FeedSpill spill;
  private volatile boolean complete;

  SplitFeeds(String examplesUri, String split, int batchSize, FeaturePlan plan, Path spillFile) {
    this.examplesUri = examplesUri;
    this.split = split;
    this.batchSize = batchSize;
    this.plan = plan;
    this.spillFile = spillFile;
  }

  /** One pass over the split, prefetched. */
  PrefetchedFeeds pass() {
    String name = "split '" + split + "' of " + examplesUri;
    if (complete) {
      return new PrefetchedFeeds(name, spill.replay());
    }
    discardSpill();
    spill = spillFile == null ? null : FeedSpill.create(spillFile, plan);
    return new PrefetchedFeeds(name, new Decoded(spill));
  }

  /** Whether passes now replay the spill rather than decode the examples. */
  boolean cached() {
    return complete;
  }

  private void discardSpill() {
    if (spill != null) {
      spill.close();
      spill = null;
    }
  }

  @Override
  public void close() {
    complete = false;
    discardSpill();
  }

  /**
   * The split's examples as feed arrays, each also appended to the spill (if any); the spill completes
   * at the end.
   */
  private final class Decoded implements CloseableIterator<FeedArrays> {
    private final CloseableIterator<ExampleBatch> batches = Examples.batches(examplesUri, split, batchSize);
    private final FeedSpill target;
    private long row;

    Decoded(FeedSpill target) {
      this.target = target;
    }

    @Override
    public boolean hasNext() {
      if (batches.hasNext()) {
        return true;
      }
      if (target != null) {
        target.finish();
        complete = true;
      }
      return false;
    }

    @Override
    public FeedArrays next() {
      FeedArrays arrays = FeedArrays.of(batches.next(), plan, split, row);
      row += arrays.rows();
      if (target != null) {
        target.append(arrays);
      }
      return arrays;
    }

    @Override
    public void close() {
      batches.close();
    }
  }
}
