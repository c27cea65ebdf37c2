package io.beamline.orchestrator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The log of one node's execution: the lines the component and Beam print on {@code System.out} and
 * {@code System.err} (where slf4j-simple writes), the records logged through {@code
 * java.util.logging}, and the node's error, from the node's thread and the threads it starts
 * (Beam's DirectRunner workers inherit the log). Bounded: the first {@link #HEAD_BYTES} are
 * appended to the file as they come (so a running node's log can be read live), then only the last
 * {@link #TAIL_BYTES} are kept in memory and written at the end after a line saying how much was
 * left out. Output of native code (TensorFlow writes to file descriptor 2) and of threads not
 * started from the node (a Flink or Spark cluster's) is not captured.
 *
 * <p>Hand-written rather than an slf4j/logback appender: the orchestrator must not pick the
 * application's logging backend, and what Beam and TensorFlow print bypasses slf4j anyway.
 */
final class NodeLog implements AutoCloseable {
  static final int HEAD_BYTES = 64 * 1024;
  static final int TAIL_BYTES = 192 * 1024;

  /** The log of the node running on this thread; threads a node starts inherit it. */
  private static final InheritableThreadLocal<NodeLog> CURRENT = new InheritableThreadLocal<>();

  private final Path file;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private long headBytes;
  private long tailBytes;
  private long droppedLines;
  private long droppedBytes;
  private boolean closed;
  private Writer writer;

  private NodeLog(Path file) {
    this.file = file;
  }

  /** A log that keeps nothing: for an artifact root that is not a local directory. */
  static NodeLog none() {
    NodeLog log = new NodeLog(null);
    log.closed = true;
    return log;
  }

  /** Starts capturing into {@code file} (replaced if present) on this thread and its children. */
  static NodeLog start(Path file) {
    Capture.install();
    NodeLog log = new NodeLog(file);
    try {
      Files.createDirectories(file.getParent());
      log.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create node log " + file + ": " + e.getMessage(), e);
    }
    CURRENT.set(log);
    return log;
  }

  /** Records a failure with its stack trace, as the last lines of the log. */
  void error(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    trace.toString().lines().forEach(l -> line("ERROR " + l));
  }

  synchronized void line(String text) {
    if (closed) {
      return;
    }
    String line = text + "\n";
    int bytes = line.getBytes(StandardCharsets.UTF_8).length;
    if (headBytes + bytes <= HEAD_BYTES && tail.isEmpty()) {
      try {
        writer.write(line);
        writer.flush();
        headBytes += bytes;
        return;
      } catch (IOException e) {
        // The file went away (disk full, deleted): keep the line in the tail, written at the end.
      }
    }
    tail.addLast(line);
    tailBytes += bytes;
    while (tailBytes > TAIL_BYTES && !tail.isEmpty()) {
      String dropped = tail.removeFirst();
      int size = dropped.getBytes(StandardCharsets.UTF_8).length;
      tailBytes -= size;
      droppedLines++;
      droppedBytes += size;
    }
  }

  /** Stops capturing on this thread and writes the kept tail. */
  @Override
  public synchronized void close() {
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
    if (closed) {
      return;
    }
    closed = true;
    try (Writer w = writer) {
      if (droppedLines > 0) {
        w.write("[... " + droppedLines + " lines (" + droppedBytes + " bytes) left out: a node log keeps its first "
            + HEAD_BYTES / 1024 + " KB and last " + TAIL_BYTES / 1024 + " KB ...]\n");
      }
      for (String line : tail) {
        w.write(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write node log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The process-wide hooks, installed once and left in place: {@code System.out}/{@code err} become
   * tees that still print everything and also copy lines of threads with a node log into it, and a
   * {@code java.util.logging} handler on the root logger does the same for log records. Threads
   * without a node log pay one thread-local lookup per write.
   */
  private static final class Capture {
    private static final Object LOCK = new Object();
    private static boolean julInstalled;

    static void install() {
      synchronized (LOCK) {
        // Checked each time: a test or an embedding application may have replaced the streams since.
        if (!(System.out instanceof TeeStream)) {
          System.setOut(new TeeStream(System.out));
        }
        if (!(System.err instanceof TeeStream)) {
          System.setErr(new TeeStream(System.err));
        }
        if (!julInstalled) {
          Logger.getLogger("").addHandler(new JulHandler());
          julInstalled = true;
        }
      }
    }
  }

  private static final class TeeStream extends PrintStream {
    TeeStream(PrintStream original) {
      super(new LineSplitter(original), true, StandardCharsets.UTF_8);
    }
  }

  /** Passes bytes on unchanged and, for a thread with a node log, cuts them into lines for it. */
  private static final class LineSplitter extends OutputStream {
    private final PrintStream original;
    private final ThreadLocal<LineBuffer> pending = ThreadLocal.withInitial(LineBuffer::new);

    LineSplitter(PrintStream original) {
      this.original = original;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      original.write(b, off, len);
      NodeLog log = CURRENT.get();
      if (log != null) {
        pending.get().append(b, off, len, log::line);
      }
    }

    @Override
    public void flush() {
      original.flush();
    }
  }

  /** Bytes of one thread up to its next newline; a runaway line is cut at 8 KB. */
  private static final class LineBuffer {
    private static final int MAX_LINE = 8192;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void append(byte[] b, int off, int len, Consumer<String> emit) {
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          emit.accept(text());
        } else if (b[i] != '\r') {
          bytes.write(b[i]);
          if (bytes.size() >= MAX_LINE) {
            emit.accept(text());
          }
        }
      }
    }

    private String text() {
      String s = bytes.toString(StandardCharsets.UTF_8);
      bytes.reset();
      return s;
    }
  }

  private static final class JulHandler extends Handler {
    @Override
    public void publish(LogRecord record) {
      NodeLog log = CURRENT.get();
      if (log == null || record.getLevel().intValue() < Level.INFO.intValue()) {
        return;
      }
      String message = record.getMessage();
      try {
        message = new SimpleFormatter().formatMessage(record);
      } catch (RuntimeException e) {
        // A bad format pattern: keep the raw message.
      }
      log.line(Instant.ofEpochMilli(record.getMillis()) + " " + record.getLevel() + " "
          + record.getLoggerName() + " - " + message);
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        trace.toString().lines().forEach(log::line);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
