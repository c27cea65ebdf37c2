package io.beamline.trainer;

import io.beamline.core.BeamlineException;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.io.examples.Examples;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A split's batches as {@link BatchFeed}s, read and converted by a background thread while
 * TensorFlow works on the current batch. At most {@link #AHEAD} converted batches wait in memory,
 * so memory stays bounded whatever the split's size. A read or conversion error is rethrown to the
 * consumer as is.
 */
final class PrefetchedFeeds implements CloseableIterator<BatchFeed> {
  static final int AHEAD = 2;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
  private final Thread reader;
  private volatile boolean closed;
  private Object next;

  PrefetchedFeeds(String examplesUri, String split, int batchSize, FeaturePlan plan) {
    reader = new Thread(() -> {
      long row = 0;
      try (CloseableIterator<ExampleBatch> batches = Examples.batches(examplesUri, split, batchSize)) {
        while (!closed && batches.hasNext()) {
          BatchFeed feed = BatchFeed.of(batches.next(), plan, split, row);
          row += feed.rows;
          offer(feed);
        }
        offer(END);
      } catch (RuntimeException e) {
        offer(e);
      } catch (Throwable e) {
        offer(new BeamlineException("Reading split '" + split + "' of " + examplesUri + " failed: " + e, e));
      }
    }, "beamline-trainer-feed-" + split);
    reader.setDaemon(true);
    reader.start();
  }

  /** Hands an item to the consumer; once closed, frees it instead. */
  private void offer(Object item) {
    try {
      if (!closed) {
        queue.put(item);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (item instanceof BatchFeed feed) {
      feed.close();
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BeamlineException("Interrupted while waiting for training data", e);
      }
    }
    if (next instanceof RuntimeException e) {
      next = END;
      throw e;
    }
    return next != END;
  }

  @Override
  public BatchFeed next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more batches");
    }
    BatchFeed feed = (BatchFeed) next;
    next = null;
    return feed;
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Object item : queue) {
      if (item instanceof BatchFeed feed) {
        feed.close();
      }
    }
    queue.clear();
    if (next instanceof BatchFeed feed) {
      feed.close();
    }
  }
}
