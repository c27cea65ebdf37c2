package io.beamline.io.examples;

import io.beamline.core.component.Elements;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;

import io.beamline.core.BeamlineException;
import io.beamline.core.component.ArtifactUris;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.tensorflow.proto.Example;

/**
 * The runner-decided-sharding write of one split: a file per bundle, renamed to TFX's shard names
 * once every bundle is committed.
 *
 * <p>Why not {@code WriteFiles}: with runner-determined (or fixed) sharding it groups every example
 * of the split by shard key, and Beam's DirectRunner holds a GroupByKey's input in memory, so a
 * large split did not fit a 1 GiB heap. Here each bundle streams its examples into its own
 * temporary file {@code <split dir>/.tmp-<uuid>} and emits only the file's name and record count;
 * the finalize step sees those few names as a side input (so it also runs, once, for an empty
 * input), sorts them, renames them to {@code <prefix>-SSSSS-of-NNNNN<suffix>} and deletes every
 * other {@code .tmp-*} of the split: those are files of bundle attempts the runner discarded
 * (retries), whose names never reached the side input. Readers skip {@code .tmp-*} files (they
 * match only {@code data_*}), so a leftover is never read as data.
 *
 * <p>Its output is the number of records written (one element), summed from the bundles' counts, so
 * a caller that reports the count does not read the examples a second time (a runner that sees a
 * collection read twice may hold it whole: Beam's Spark runner caches it).
 */
final class BundleFileWrite<T> extends PTransform<PCollection<T>, PCollection<Long>> {
  static final String TEMP_PREFIX = ".tmp-";

  private final Target spec;

  /** With {@code typesView} non-null (Parquet only) the types come from it and {@code types} is unused. */
  BundleFileWrite(String dir, String format, Map<String, FeatureType> types,
      PCollectionView<Map<String, FeatureType>> typesView, int gzipLevel) {
    this.spec = new Target(dir, format, new TreeMap<>(types), typesView, gzipLevel);
  }

  @Override
  public PCollection<Long> expand(PCollection<T> input) {
    PCollectionView<Map<String, FeatureType>> typesView = spec.typesView();
    ParDo.SingleOutput<T, KV<String, Long>> write = ParDo.of(new WriteBundleFn<>(spec));
    return commit(input
        .apply("WriteBundleFiles", typesView == null ? write : write.withSideInputs(typesView))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
  }

  /**
   * Commits the files that bundles wrote under the split's directory (each as its name and record
   * count; here or by a step of the caller's, see {@link SplitFiles}): renames them to shard names
   * once all are written. Gives the number of records, one element.
   */
  PCollection<Long> commit(PCollection<KV<String, Long>> written) {
    PCollectionView<Map<String, FeatureType>> typesView = spec.typesView();
    // The names are emitted in the global window whatever the input's windowing; say so, so that the
    // view answers the finalize step (which runs in the global window).
    PCollection<KV<String, Long>> files = written.apply("GlobalWindow", Window.into(new GlobalWindows()));
    PCollectionView<List<KV<String, Long>>> committed = files.apply("CommittedFiles", View.asList());
    ParDo.SingleOutput<Integer, Void> finalize = typesView == null
        ? ParDo.of(new FinalizeFn(spec, committed)).withSideInputs(committed)
        : ParDo.of(new FinalizeFn(spec, committed)).withSideInputs(committed, typesView);
    written.getPipeline().apply("Once", Elements.once()).apply("RenameFiles", finalize);
    return files.apply("Counts", Values.create()).apply("CountRecords", Sum.longsGlobally());
  }

  /**
   * Streams each bundle's examples (tf.Examples, their serialized bytes, or lists of those) into a new temporary
   * file; emits its name and count at bundle end.
   */
  private static final class WriteBundleFn<T> extends DoFn<T, KV<String, Long>> {
    private final Target spec;
    private transient PayloadFileWriter current;

    WriteBundleFn(Target spec) {
      this.spec = spec;
    }

    @StartBundle
    public void start() {
      discardCurrent(); // a previous bundle of this instance that failed before finishing
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      if (current == null) {
        // Opened on the first example, so a bundle with none leaves no file.
        current = PayloadFileWriter.open(spec.resource(TEMP_PREFIX + UUID.randomUUID()), spec.format(),
            spec.columns(c), spec.gzipLevel());
      }
      if (c.element() instanceof byte[] serialized) {
        current.writeSerialized(serialized);
      } else if (c.element() instanceof List<?> batch) {
        for (Object serialized : batch) {
          current.writeSerialized((byte[]) serialized);
        }
      } else {
        current.write((Example) c.element());
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      if (current == null) {
        return;
      }
      PayloadFileWriter done = current;
      current = null;
      try {
        done.close();
      } catch (IOException | RuntimeException e) {
        done.discard();
        throw e;
      }
      c.output(KV.of(done.file().getFilename(), done.count()), GlobalWindow.INSTANCE.maxTimestamp(),
          GlobalWindow.INSTANCE);
    }

    @Teardown
    public void teardown() {
      discardCurrent();
    }

    private void discardCurrent() {
      if (current != null) {
        current.discard();
        current = null;
      }
    }
  }

  /**
   * Runs once, after every bundle is committed: renames the committed files, in name order, to
   * shard names; writes one empty file when there were none; deletes uncommitted temporary files.
   * A rerun after a partial rename finds the renamed files in place and completes the rest.
   */
  private static final class FinalizeFn extends DoFn<Integer, Void> {
    private final Target spec;
    private final PCollectionView<List<KV<String, Long>>> committed;

    FinalizeFn(Target spec, PCollectionView<List<KV<String, Long>>> committed) {
      this.spec = spec;
      this.committed = committed;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      List<String> names = new ArrayList<>();
      for (KV<String, Long> file : c.sideInput(committed)) {
        names.add(file.getKey());
      }
      names.sort(Comparator.naturalOrder());
      if (names.isEmpty()) {
        // An empty split is one valid file with no records (gzip trailer or Parquet footer only),
        // written under a temporary name too, so no reader sees it half-written.
        ResourceId temp = spec.resource(TEMP_PREFIX + UUID.randomUUID());
        try (PayloadFileWriter empty = PayloadFileWriter.open(temp, spec.format(), spec.columns(c), spec.gzipLevel())) {
          // nothing to append
        }
        FileSystems.rename(List.of(temp), List.of(spec.resource(spec.finalName(0, 1))));
      } else {
        Set<String> present = spec.listNames("*");
        List<ResourceId> from = new ArrayList<>();
        List<ResourceId> to = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          String target = spec.finalName(i, names.size());
          if (present.contains(names.get(i))) {
            from.add(spec.resource(names.get(i)));
            to.add(spec.resource(target));
          } else if (!present.contains(target)) {
            throw new BeamlineException("Examples file " + names.get(i) + " of a committed bundle is missing from "
                + spec.dir() + " (and " + target + " does not exist either): the split would lose its records");
          }
        }
        FileSystems.rename(from, to);
      }
      Set<String> kept = new HashSet<>(names);
      List<ResourceId> stale = new ArrayList<>();
      for (String name : spec.listNames(TEMP_PREFIX + "*")) {
        if (!kept.contains(name)) {
          stale.add(spec.resource(name));
        }
      }
      FileSystems.delete(stale, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /** The file {@code name} in directory {@code dir}. */
  static ResourceId resource(String dir, String name) {
    return FileSystems.matchNewResource(dir, true).resolve(name, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  /** Where and how to write, shared by the two steps (serializable, unlike the transform). */
  private record Target(String dir, String format, TreeMap<String, FeatureType> types,
      PCollectionView<Map<String, FeatureType>> typesView, int gzipLevel) implements Serializable {
    ResourceId resource(String name) {
      return BundleFileWrite.resource(dir, name);
    }

    /** Parquet columns: the given map, or the side input's (checked as given ones are). */
    Map<String, FeatureType> columns(DoFn<?, ?>.ProcessContext c) {
      return typesView == null ? types : ExamplesIO.viewTypes(c.sideInput(typesView));
    }

    String finalName(int index, int count) {
      boolean parquet = ExamplesLayout.FORMAT_PARQUET.equals(format);
      return String.format("%s-%05d-of-%05d%s",
          parquet ? ExamplesLayout.PARQUET_PREFIX : ExamplesLayout.TFRECORD_PREFIX, index, count,
          parquet ? ExamplesLayout.PARQUET_SUFFIX : ".gz");
    }

    /** File names in the split directory matching {@code glob} (none when it does not exist). */
    Set<String> listNames(String glob) throws IOException {
      MatchResult result = FileSystems.match(ArtifactUris.childGlob(dir, glob), EmptyMatchTreatment.ALLOW);
      Set<String> names = new HashSet<>();
      if (result.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : result.metadata()) {
          names.add(m.resourceId().getFilename());
        }
      }
      return names;
    }
  }
}
