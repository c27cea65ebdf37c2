package io.beamline.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** A pipeline's first elements from an impulse: all of them, once, by their coder, with no source steps. */
class ElementsTest {
  /** What each test's pipeline saw (the DirectRunner runs in this JVM). */
  private static final Collection<String> SEEN = new ConcurrentLinkedQueue<>();

  /** Not serializable: only its coder can carry it into the pipeline. */
  record Point(int x, int y) {}

  static final class PointCoder extends CustomCoder<Point> {
    @Override
    public void encode(Point p, OutputStream out) throws IOException {
      if (p.x() < 0) {
        throw new CoderException("negative x");
      }
      VarIntCoder.of().encode(p.x(), out);
      VarIntCoder.of().encode(p.y(), out);
    }

    @Override
    public Point decode(InputStream in) throws IOException {
      return new Point(VarIntCoder.of().decode(in), VarIntCoder.of().decode(in));
    }
  }

  static final class Record<T> extends DoFn<T, Void> {
    @ProcessElement
    public void process(@Element T element) {
      SEEN.add(String.valueOf(element));
    }
  }

  @Test
  void everyElementArrivesOnceThroughItsCoder() {
    SEEN.clear();
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      points.add(new Point(i, i * i));
    }
    Pipeline p = Pipeline.create(BeamRuns.options(List.of()));
    p.apply("Points", Elements.of(points, new PointCoder())).apply(ParDo.of(new Record<>()));
    BeamRuns.runToCompletion(p);
    List<String> seen = new ArrayList<>(SEEN);
    seen.sort(null);
    List<String> expected = new ArrayList<>(points.stream().map(String::valueOf).toList());
    expected.sort(null);
    assertEquals(expected, seen);
  }

  @Test
  void noElementsMakeAnEmptyCollectionAndStartsNothingElse() {
    SEEN.clear();
    Pipeline p = Pipeline.create(BeamRuns.options(List.of()));
    p.apply("Nothing", Elements.of(List.<String>of(), StringUtf8Coder.of())).apply(ParDo.of(new Record<>()));
    p.apply("Once", Elements.once()).apply(ParDo.of(new Record<>()));
    List<String> steps = new ArrayList<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        steps.add(node.getFullName());
      }
    });
    // Beam's Impulse and one step each: no source, no splitting, no grouping.
    assertEquals(List.of("Nothing/Impulse", "Nothing/Emit/ParMultiDo(Emit)", "ParDo(Record)/ParMultiDo(Record)",
        "Once/Impulse", "Once/Emit/ParMultiDo(Emit)", "ParDo(Record)2/ParMultiDo(Record)"), steps);
    BeamRuns.runToCompletion(p);
    assertEquals(List.of("1"), new ArrayList<>(SEEN));
  }

  @Test
  void anElementItsCoderCannotEncodeIsNamedWhenThePipelineIsBuilt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Elements.of(List.of(new Point(1, 1), new Point(-2, 0)), new PointCoder()));
    assertTrue(e.getMessage().startsWith("Element 1 (Point[x=-2, y=0]) cannot be encoded with"), e.getMessage());
    assertTrue(e.getMessage().endsWith("negative x"), e.getMessage());
  }
}
