package io.beamline.metadata;

/**
 * Work run by {@link MetadataStore#inTransaction(StoreWork)}. Keep it to store calls: if the
 * database stays busy past its timeout, the whole transaction is rolled back and the work runs
 * again.
 */
@FunctionalInterface
public interface StoreWork<T> {
  T run(MetadataStore store);
}
