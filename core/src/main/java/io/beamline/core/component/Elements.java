package io.beamline.core.component;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * A pipeline's first elements, known when it is built (input files, the lanes a file is read in, one
 * element that starts a final step): Beam's {@link Impulse} and one step that emits them.
 *
 * <p>Why not {@code Create.of}: Beam's {@code Create} is a bounded source, which the DirectRunner
 * reads as a splittable DoFn: four more steps, a keyed grouping and a checkpointing thread, to emit
 * a handful of elements; on a short command that machinery is a visible part of the run. The
 * elements are encoded with their coder when the pipeline is built, as {@code Create} does, so they
 * need not be serializable themselves.
 *
 * <p>The elements come out in one bundle: where their work should spread over workers, follow this
 * with a {@code Reshuffle}.
 */
public final class Elements<T> extends PTransform<PBegin, PCollection<T>> {
  private final ArrayList<byte[]> encoded;
  private final Coder<T> coder;

  private Elements(ArrayList<byte[]> encoded, Coder<T> coder) {
    this.encoded = encoded;
    this.coder = coder;
  }

  /** {@code values}, in order, encoded with {@code coder}. */
  public static <T> Elements<T> of(List<T> values, Coder<T> coder) {
    ArrayList<byte[]> encoded = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      try {
        encoded.add(CoderUtils.encodeToByteArray(coder, values.get(i)));
      } catch (CoderException e) {
        throw new IllegalArgumentException("Element " + i + " (" + values.get(i) + ") cannot be encoded with "
            + coder + ": " + e.getMessage(), e);
      }
    }
    return new Elements<>(encoded, coder);
  }

  /** One element, for a step that must run once (after the side inputs it waits for). */
  public static Elements<Integer> once() {
    return of(List.of(1), VarIntCoder.of());
  }

  @Override
  public PCollection<T> expand(PBegin begin) {
    return begin.apply("Impulse", Impulse.create())
        .apply("Emit", ParDo.of(new EmitFn<>(encoded, coder)))
        .setCoder(coder);
  }

  /** Decodes and emits every element, for the impulse's one element. */
  private static final class EmitFn<T> extends DoFn<byte[], T> {
    private final ArrayList<byte[]> encoded;
    private final Coder<T> coder;

    EmitFn(ArrayList<byte[]> encoded, Coder<T> coder) {
      this.encoded = encoded;
      this.coder = coder;
    }

    @ProcessElement
    public void process(OutputReceiver<T> out) throws CoderException {
      for (byte[] element : encoded) {
        out.output(CoderUtils.decodeFromByteArray(coder, element));
      }
    }
  }
}
