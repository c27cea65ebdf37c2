package io.beamline.examplegen;

import io.beamline.io.files.InputFiles;
import java.util.LinkedHashMap;
import java.util.Map;

import io.beamline.io.csv.CsvExamples;
import io.beamline.io.files.InputFormat;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.examples.ExamplesLayout;
import java.util.List;
import java.util.Objects;

/**
 * What ExampleGen reads and how it splits and writes. Build from {@link #defaults()} with the
 * {@code withX} methods (or through the {@link ExampleGen} facade).
 *
 * @param input file, directory or glob of the input; may contain {@code {SPAN}}, {@code {VERSION}},
 *     {@code {YYYY}}, {@code {MM}}, {@code {DD}}. Empty when {@code splitInputs} is given
 * @param splitInputs pre-split input, one pattern per split (then {@code splits} is ignored); empty
 *     for a hash split of {@code input}
 * @param format input format; {@link InputFormat#AUTO} (default) decides from file name extensions
 * @param delimiter CSV field delimiter, one character (default {@code ,})
 * @param splits hash split buckets (default {@code train:2,eval:1})
 * @param partitionFeature when non-empty, the feature whose value is hashed instead of the whole
 *     example, so all examples of one entity land in the same split
 * @param outputFormat {@code tfrecord} (default) or {@code parquet}
 * @param maxRejectFraction the run fails when more than this fraction of CSV rows is rejected
 *     (default 0: any reject fails the run, after writing the rejects)
 * @param span the span to read; {@code null} (default) takes the latest span present
 * @param spanEnd with {@code span}, reads the spans {@code span..spanEnd} inclusive; {@code null}
 *     reads {@code span} only
 * @param numShards output files per split; 0 (default) lets the runner decide
 */
public record ExampleGenParameters(
    String input,
    List<SplitInput> splitInputs,
    InputFormat format,
    String delimiter,
    List<SplitBuckets> splits,
    String partitionFeature,
    String outputFormat,
    double maxRejectFraction,
    Long span,
    Long spanEnd,
    int numShards) {

  public ExampleGenParameters {
    input = input == null ? "" : input;
    splitInputs = splitInputs == null ? List.of() : List.copyOf(splitInputs);
    format = format == null ? InputFormat.AUTO : format;
    delimiter = delimiter == null ? "," : delimiter;
    splits = splits == null ? SplitBuckets.defaults() : List.copyOf(splits);
    partitionFeature = partitionFeature == null ? "" : partitionFeature;
    outputFormat = outputFormat == null ? ExamplesLayout.FORMAT_TFRECORD : outputFormat;
    if (delimiter.length() != 1) {
      throw new InvalidParameterException("CSV delimiter must be one character other than a quote or"
          + " line break, got '" + delimiter + "'");
    }
    CsvExamples.checkDelimiter(delimiter.charAt(0));
    if (splits.isEmpty()) {
      throw new InvalidParameterException("At least one split is needed (e.g. train:2,eval:1)");
    }
    SplitBuckets.checkDistinct(splits.stream().map(SplitBuckets::name).toList());
    SplitBuckets.checkDistinct(splitInputs.stream().map(SplitInput::name).toList());
    if (!outputFormat.equals(ExamplesLayout.FORMAT_TFRECORD)
        && !outputFormat.equals(ExamplesLayout.FORMAT_PARQUET)) {
      throw new InvalidParameterException("Output format '" + outputFormat
          + "' is not known; use tfrecord or parquet");
    }
    if (!(maxRejectFraction >= 0 && maxRejectFraction <= 1)) {
      throw new InvalidParameterException("max reject fraction must be between 0 and 1, got "
          + maxRejectFraction);
    }
    if (spanEnd != null && span == null) {
      throw new InvalidParameterException("A span range needs its first span; got only the last, "
          + spanEnd);
    }
    if (span != null && spanEnd != null && spanEnd < span) {
      throw new InvalidParameterException("Span range " + span + ".." + spanEnd + " is empty");
    }
    if (numShards < 0) {
      throw new InvalidParameterException("numShards must be 0 (runner decides) or more, got " + numShards);
    }
    Objects.requireNonNull(format);
  }

  /** No input yet, CSV or detected format, {@code train:2,eval:1}, TFRecord output, no rejects allowed. */
  public static ExampleGenParameters defaults() {
    return new ExampleGenParameters("", List.of(), InputFormat.AUTO, ",", SplitBuckets.defaults(), "",
        ExamplesLayout.FORMAT_TFRECORD, 0.0, null, null, 0);
  }

  public ExampleGenParameters withInput(String pattern) {
    return new ExampleGenParameters(pattern, splitInputs, format, delimiter, splits, partitionFeature,
        outputFormat, maxRejectFraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withSplitInputs(List<SplitInput> inputs) {
    return new ExampleGenParameters(input, inputs, format, delimiter, splits, partitionFeature,
        outputFormat, maxRejectFraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withFormat(InputFormat f) {
    return new ExampleGenParameters(input, splitInputs, f, delimiter, splits, partitionFeature,
        outputFormat, maxRejectFraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withDelimiter(String d) {
    return new ExampleGenParameters(input, splitInputs, format, d, splits, partitionFeature,
        outputFormat, maxRejectFraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withSplits(List<SplitBuckets> s) {
    return new ExampleGenParameters(input, splitInputs, format, delimiter, s, partitionFeature,
        outputFormat, maxRejectFraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withPartitionFeature(String feature) {
    return new ExampleGenParameters(input, splitInputs, format, delimiter, splits, feature,
        outputFormat, maxRejectFraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withOutputFormat(String f) {
    return new ExampleGenParameters(input, splitInputs, format, delimiter, splits, partitionFeature,
        f, maxRejectFraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withMaxRejectFraction(double fraction) {
    return new ExampleGenParameters(input, splitInputs, format, delimiter, splits, partitionFeature,
        outputFormat, fraction, span, spanEnd, numShards);
  }

  public ExampleGenParameters withSpan(Long first, Long last) {
    return new ExampleGenParameters(input, splitInputs, format, delimiter, splits, partitionFeature,
        outputFormat, maxRejectFraction, first, last, numShards);
  }

  public ExampleGenParameters withNumShards(int n) {
    return new ExampleGenParameters(input, splitInputs, format, delimiter, splits, partitionFeature,
        outputFormat, maxRejectFraction, span, spanEnd, n);
  }

  /** The split names in output order: the pre-split names, or the hash splits'. */
  public List<String> splitNames() {
    return splitInputs.isEmpty() ? splits.stream().map(SplitBuckets::name).toList()
        : splitInputs.stream().map(SplitInput::name).toList();
  }

  /** Matches the input files these parameters select (each split's pattern, the chosen spans). */
  InputFiles resolveInputs() {
    Map<String, String> patterns = new LinkedHashMap<>();
    if (splitInputs.isEmpty()) {
      if (input.isBlank()) {
        throw new InvalidParameterException("ExampleGen: no input given; set an input file, directory"
            + " or glob (or pre-split inputs)");
      }
      patterns.put("", input);
    } else {
      splitInputs.forEach(s -> patterns.put(s.name(), s.pattern()));
    }
    return InputFiles.resolve(patterns, span, spanEnd);
  }
}
