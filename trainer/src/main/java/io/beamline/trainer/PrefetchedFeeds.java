package io.beamline.trainer;

import io.beamline.core.BeamlineException;
import io.beamline.io.examples.CloseableIterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A split's batches as {@link BatchFeed}s, read and made into tensors by a background thread while
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

  /**
   * @param name what is read, for the thread's name and errors (e.g. "split 'train' of URI")
   * @param source the batches; closed by the reader thread when done
   */
  PrefetchedFeeds(String name, CloseableIterator<FeedArrays> source) {
    reader = new Thread(() -> {
      try (CloseableIterator<FeedArrays> batches = source) {
        while (!closed && batches.hasNext()) {
          offer(new BatchFeed(batches.next()));
        }
        offer(END);
      } catch (RuntimeException e) {
        offer(e);
      } catch (Throwable e) {
        offer(new BeamlineException("Reading " + name + " failed: " + e, e));
      }
    }, "beamline-trainer-feed");
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
