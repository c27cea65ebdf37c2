package io.beamline.io.csv;

import io.beamline.core.component.Elements;
import io.beamline.io.files.InputFile;

import io.beamline.core.examples.FeatureType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A CSV input resolved before a pipeline runs ({@link CsvExamples.Read#resolve()}): its files, its
 * header, the column types (given, or guessed from a sample), and the parts its files are read in.
 *
 * <p>For a consumer that reads whole parts in its own step ({@link #parts()}, then
 * {@link CsvFilePart#open()}), such as statistics that fold every row of a part into one
 * accumulator: nothing but one accumulator per part passes between steps, and one big file is read
 * by as many workers as it has parts.
 */
public final class CsvInput implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Bounds of a part's size: a big file is cut in about 8 parts, none above 64 MB or below 4 MB. */
  static final long MIN_PART_BYTES = 4L << 20;
  static final long MAX_PART_BYTES = 64L << 20;
  static final int PARTS_PER_FILE = 8;

  private final List<InputFile> files;
  private final List<String> header;
  private final char delimiter;
  private final TreeMap<String, FeatureType> used;
  private final Set<String> unseen;
  private final int batchRows;

  CsvInput(List<InputFile> files, List<String> header, char delimiter, Map<String, FeatureType> used,
      Set<String> unseen, int batchRows) {
    this.files = List.copyOf(files);
    this.header = List.copyOf(header);
    this.delimiter = delimiter;
    this.used = new TreeMap<>(used);
    this.unseen = Set.copyOf(unseen);
    this.batchRows = batchRows;
  }

  /** The header's column names, in file order. */
  public List<String> columns() {
    return header;
  }

  /** The column types the rows are read with: given, or guessed from a sample. */
  public Map<String, FeatureType> featureTypesUsed() {
    return Collections.unmodifiableMap(used);
  }

  /** {@link #featureTypesUsed()} in column (file) order. */
  public List<FeatureType> columnTypes() {
    return List.of(CsvTypes.inOrder(header, used));
  }

  /**
   * The columns with no value in the sample the types were guessed from (empty when the types were
   * given): guessed BYTES for want of anything better, so a number in them means the guess was wrong.
   */
  public Set<String> columnsUnseenInSample() {
    return unseen;
  }

  List<InputFile> files() {
    return files;
  }

  char delimiter() {
    return delimiter;
  }

  /**
   * Every file's parts, spread over workers: a plain (uncompressed) file is scanned once and cut on
   * record boundaries into parts of 4 to 64 MB; a compressed file is one part.
   *
   * <p>On a cluster (any runner but the DirectRunner) the parts are the splits of a bounded source
   * ({@link CsvPartSource}): each worker takes the next part when it is done with one. On the
   * DirectRunner the files are cut by a step that hands each part on as soon as it is found, and a
   * shuffle by random key spreads them over its threads, so reading starts while the cut goes on.
   */
  public PTransform<PBegin, PCollection<CsvFilePart>> parts() {
    CsvInput input = this;
    return new PTransform<>() {
      @Override
      public PCollection<CsvFilePart> expand(PBegin begin) {
        if (!isDirectRunner(begin.getPipeline())) {
          return begin.apply("ReadParts", Read.from(new CsvPartSource(input)));
        }
        return begin
            .apply("InputFiles", Elements.of(files, SerializableCoder.of(InputFile.class)))
            .apply("CutFiles", ParDo.of(new CutFn(input)))
            .setCoder(SerializableCoder.of(CsvFilePart.class))
            .apply("SpreadParts", Reshuffle.viaRandomKey());
      }
    };
  }

  /**
   * The parts as lanes, for a step that reads a lane's parts in turn ({@link CsvLane#parts()}): on a
   * cluster each part of {@link #parts()} is a lane of its own. On the DirectRunner, which reads every
   * element it is given at once, an input of at least {@code maxLanes} files is read whole file by
   * whole file, the files dealt into {@code maxLanes} lanes of about equal bytes; fewer files are
   * cut into parts ({@link #parts()}), each a lane, so that one big file still keeps every thread
   * busy. Either way the runner sees a bounded number of elements, not one per file.
   */
  public PTransform<PBegin, PCollection<CsvLane>> lanes(int maxLanes) {
    return lanes(maxLanes, false);
  }

  /**
   * As {@link #lanes(int)}, but on the DirectRunner always whole files (for a reader whose output
   * waits in memory: there more parts mean more held at once, see {@link CsvExamples.Read}).
   */
  PTransform<PBegin, PCollection<CsvLane>> wholeFileLanes(int maxLanes) {
    return lanes(maxLanes, true);
  }

  private PTransform<PBegin, PCollection<CsvLane>> lanes(int maxLanes, boolean wholeFiles) {
    if (maxLanes < 1) {
      throw new IllegalArgumentException("lanes must be >= 1, got " + maxLanes);
    }
    CsvInput input = this;
    return new PTransform<>() {
      @Override
      public PCollection<CsvLane> expand(PBegin begin) {
        boolean direct = isDirectRunner(begin.getPipeline());
        boolean noneCut = files.stream().noneMatch(input::isCuttable);
        if (!direct || (!wholeFiles && !noneCut && files.size() < maxLanes)) {
          return begin.apply("Parts", input.parts())
              .apply("LaneEach", MapElements.into(TypeDescriptor.of(CsvLane.class)).via(CsvLane::of))
              .setCoder(SerializableCoder.of(CsvLane.class));
        }
        // Whole files, dealt into lanes now; when no file would be cut (small or compressed files)
        // that is what cutting would give, without the cutting step. One lane needs no shuffle.
        List<CsvFilePart> whole = files.stream().map(f -> part(f, wholeFile(f))).toList();
        List<CsvLane> lanes = CsvLane.deal(whole, maxLanes);
        PCollection<CsvLane> dealt = begin.apply("Lanes", Elements.of(lanes, SerializableCoder.of(CsvLane.class)));
        return lanes.size() == 1 ? dealt : dealt.apply("SpreadLanes", Reshuffle.viaRandomKey());
      }
    };
  }

  /** Whether the pipeline runs on Beam's DirectRunner (named, not linked: the runner is optional). */
  static boolean isDirectRunner(Pipeline p) {
    return p.getOptions().getRunner().getName().equals("org.apache.beam.runners.direct.DirectRunner");
  }

  /**
   * Every file's parts, found on the calling thread: for reading a CSV input without a pipeline
   * ({@code for (CsvFilePart part : input.partsNow()) try (CsvPartReader r = part.open()) ...}).
   */
  public List<CsvFilePart> partsNow() throws IOException {
    List<CsvFilePart> all = new ArrayList<>();
    for (InputFile file : files) {
      all.addAll(partsOf(file));
    }
    return all;
  }

  /** The parts of one file, all at once (the pipeline finds them one at a time: {@link CutFn}). */
  List<CsvFilePart> partsOf(InputFile file) throws IOException {
    List<CsvRange> ranges;
    if (!isCuttable(file)) {
      ranges = List.of(wholeFile(file));
    } else {
      try (InputStream in = CsvRows.open(file.path())) {
        ranges = new CsvFileCutter(delimiter, '"').cut(in, file.size(), partBytes(file));
      }
    }
    return ranges.stream().map(r -> part(file, r)).toList();
  }

  private CsvFilePart part(InputFile file, CsvRange range) {
    return new CsvFilePart(file, range, header, delimiter, batchRows);
  }

  private long partBytes(InputFile file) {
    return Math.min(MAX_PART_BYTES, Math.max(MIN_PART_BYTES, file.size() / PARTS_PER_FILE));
  }

  /** A plain file of at least two parts; a compressed one cannot be entered mid-stream by a seek. */
  private boolean isCuttable(InputFile file) {
    return Compression.detect(file.path()) == Compression.UNCOMPRESSED && file.size() >= 2 * partBytes(file);
  }

  private static CsvRange wholeFile(InputFile file) {
    boolean plain = Compression.detect(file.path()) == Compression.UNCOMPRESSED;
    return new CsvRange(0, 1, plain ? file.size() : Long.MAX_VALUE);
  }

  /**
   * Cuts each file into its parts, one part per call: the scan checkpoints after each part, so a
   * runner can hand a part on to be read while the scan goes on (the DirectRunner would otherwise
   * hold every part until the whole file was scanned, and the reading would wait for it).
   */
  @DoFn.BoundedPerElement
  private static final class CutFn extends DoFn<InputFile, CsvFilePart> {
    private final CsvInput input;

    CutFn(CsvInput input) {
      this.input = input;
    }

    /** A cuttable file's bytes; else a one-unit token range for the one part that is the whole file. */
    @GetInitialRestriction
    public CsvRange initialRestriction(@Element InputFile file) {
      return input.isCuttable(file) ? new CsvRange(0, 1, file.size()) : new CsvRange(0, 1, 1);
    }

    @NewTracker
    public CsvRangeTracker newTracker(@Restriction CsvRange range) {
      return new CsvRangeTracker(range);
    }

    @GetRestrictionCoder
    public CsvRange.Coder restrictionCoder() {
      return new CsvRange.Coder();
    }

    @ProcessElement
    public ProcessContinuation process(@Element InputFile file,
        RestrictionTracker<CsvRange, CsvRangeTracker.Position> tracker, OutputReceiver<CsvFilePart> out)
        throws IOException {
      CsvRange rest = tracker.currentRestriction();
      if (!input.isCuttable(file)) {
        if (tracker.tryClaim(new CsvRangeTracker.Position(1, 1))) {
          out.output(input.part(file, wholeFile(file)));
        }
        return ProcessContinuation.stop();
      }
      CsvRange part;
      long nextLine;
      try (InputStream in = CsvRows.open(file.path(), rest.startOffset())) {
        CsvFileCutter.Scan scan = new CsvFileCutter(input.delimiter, '"')
            .scan(in, rest.startOffset(), rest.startLine(), file.size());
        part = scan.nextPart(input.partBytes(file));
        nextLine = scan.nextLine();
      }
      if (part == null) { // nothing left (the restriction ended at the file's end): done
        tracker.tryClaim(CsvRangeTracker.Position.END);
        return ProcessContinuation.stop();
      }
      if (!tracker.tryClaim(new CsvRangeTracker.Position(part.endOffset(), nextLine))) {
        return ProcessContinuation.stop();
      }
      out.output(input.part(file, part));
      return part.endOffset() >= rest.endOffset() ? ProcessContinuation.stop() : ProcessContinuation.resume();
    }
  }
}
