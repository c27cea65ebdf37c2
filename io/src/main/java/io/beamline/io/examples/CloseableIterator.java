package io.beamline.io.examples;

import java.util.Iterator;

/**
 * An iterator over an open resource (a file, an Arrow allocator). Use it in try-with-resources;
 * {@link #close()} releases the resource whether or not the iteration finished, and throws only
 * unchecked exceptions.
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();
}
