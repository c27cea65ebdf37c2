package io.beamline.io.examples;

import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.values.KV;

/**
 * Where a step that makes serialized examples writes them itself, routed to splits: a {@link Writer}
 * (one per element or bundle of the step) streams each split's examples into a temporary file of
 * that split's directory, as the bundle-file write does ({@link ExamplesIO.Write#withNumShards} 0),
 * and reports the files it wrote; each split's {@link ExamplesIO.Write#commitBundleFiles} then
 * renames them to shard names. Files of a writer whose report the runner discarded (a retried
 * element) are deleted then.
 *
 * <p>Why a step would write its own output: a runner may hold what one step hands the next. Beam's
 * Spark runner caches (as Java objects, sized one by one) the results of every step with more than
 * one output and of every collection read more than once, and a split of ExampleGen's examples is
 * both; a step that writes the examples where they are made hands on only file names.
 */
public final class SplitFiles implements Serializable {
  /** Which split an example goes to: an index into the split names. */
  @FunctionalInterface
  public interface Router extends Serializable {
    /**
     * @param key the key the examples were made with (for ExampleGen, a pre-split input's split)
     * @param example the serialized example
     */
    int splitOf(String key, byte[] example);
  }

  private final String examplesUri;
  private final List<String> splits;
  private final String format;
  private final int gzipLevel;
  private final Router router;

  /**
   * @param format {@link ExamplesLayout#FORMAT_TFRECORD} or {@link ExamplesLayout#FORMAT_PARQUET}
   * @param gzipLevel the TFRecord files' gzip level (1-9)
   */
  public SplitFiles(String examplesUri, List<String> splits, String format, int gzipLevel, Router router) {
    this.examplesUri = examplesUri;
    this.splits = List.copyOf(splits);
    this.format = format;
    this.gzipLevel = gzipLevel;
    this.router = router;
  }

  public List<String> splits() {
    return splits;
  }

  /** A writer of examples that have the given types (Parquet's columns). */
  public Writer writer(Map<String, FeatureType> types) {
    if (ExamplesLayout.FORMAT_PARQUET.equals(format)) {
      ParquetExamples.requireTypes(types);
    }
    return new Writer(types);
  }

  /** Files, one per split written to, each opened on the split's first example. */
  public final class Writer {
    private final Map<String, FeatureType> types;
    private final PayloadFileWriter[] open = new PayloadFileWriter[splits.size()];

    private Writer(Map<String, FeatureType> types) {
      this.types = types;
    }

    /** Writes an example, made with {@code key}, to the split the router picks. */
    public void write(String key, byte[] example) throws IOException {
      int split = router.splitOf(key, example);
      if (open[split] == null) {
        String dir = ExamplesLayout.splitDir(examplesUri, splits.get(split));
        open[split] = PayloadFileWriter.open(
            BundleFileWrite.resource(dir, BundleFileWrite.TEMP_PREFIX + UUID.randomUUID()), format, types, gzipLevel);
      }
      open[split].writeSerialized(example);
    }

    /**
     * Finishes the files: each as (split, (file name, examples)). A file that fails to close fails
     * the writer, and every file of it is deleted.
     */
    public List<KV<String, KV<String, Long>>> finish() throws IOException {
      List<KV<String, KV<String, Long>>> written = new ArrayList<>();
      try {
        for (int i = 0; i < open.length; i++) {
          if (open[i] != null) {
            open[i].close();
            written.add(KV.of(splits.get(i), KV.of(open[i].file().getFilename(), open[i].count())));
          }
        }
      } catch (IOException | RuntimeException e) {
        discard();
        throw e;
      }
      return written;
    }

    /** Deletes the files (the work failed: the runner retries it). */
    public void discard() {
      for (PayloadFileWriter w : open) {
        if (w != null) {
          w.discard();
        }
      }
    }
  }
}
