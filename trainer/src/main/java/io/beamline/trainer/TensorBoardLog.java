package io.beamline.trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Scalar curves as TensorBoard event files, written by TensorFlow's own summary-writer ops in a
 * small graph of their own (kept out of the model graph, so the SavedModel holds no logging ops).
 * One writer per run directory ({@code logs/train}, {@code logs/eval}), as Keras lays them out.
 */
final class TensorBoardLog implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Op writeTrain;
  private final Op writeEval;
  private final Op flush;
  private final Op close;

  TensorBoardLog(Path logDir) {
    try {
      Files.createDirectories(logDir.resolve("train"));
      Files.createDirectories(logDir.resolve("eval"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + logDir, e);
    }
    Ops tf = Ops.create(graph);
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Operand<?> train = tf.summary.summaryWriter(SummaryWriter.sharedName("train"));
    Operand<?> eval = tf.summary.summaryWriter(SummaryWriter.sharedName("eval"));
    Op createTrain = create(tf, train, logDir.resolve("train"));
    Op createEval = create(tf, eval, logDir.resolve("eval"));
    writeTrain = tf.summary.writeScalarSummary(train, step, tag, value);
    writeEval = tf.summary.writeScalarSummary(eval, step, tag, value);
    flush = tf.withControlDependencies(tf.summary.flushSummaryWriter(train)).summary.flushSummaryWriter(eval);
    close = tf.withControlDependencies(tf.summary.closeSummaryWriter(train)).summary.closeSummaryWriter(eval);
    session = new Session(graph);
    session.runner().addTarget(createTrain).addTarget(createEval).run().close();
  }

  private static Op create(Ops tf, Operand<?> writer, Path dir) {
    return tf.summary.createSummaryFileWriter(writer, tf.constant(dir.toString()), tf.constant(10),
        tf.constant(1000), tf.constant(".v2"));
  }

  void train(long epoch, String name, double v) {
    write(writeTrain, epoch, name, v);
  }

  void eval(long epoch, String name, double v) {
    write(writeEval, epoch, name, v);
  }

  private void write(Op op, long epoch, String name, double v) {
    try (TInt64 s = TInt64.scalarOf(epoch); TString t = TString.scalarOf(name);
        TFloat32 x = TFloat32.scalarOf((float) v)) {
      session.runner().feed(step, s).feed(tag, t).feed(value, x).addTarget(op).run().close();
    }
  }

  void flush() {
    session.runner().addTarget(flush).run().close();
  }

  @Override
  public void close() {
    try {
      session.runner().addTarget(close).run().close();
    } finally {
      session.close();
      graph.close();
    }
  }
}
