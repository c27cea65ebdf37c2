package io.beamline.io.records;

import io.beamline.core.InvalidInputException;
import io.beamline.io.files.InputFile;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.tensorflow.proto.Example;

/**
 * Reads one JSON-lines log of TF Serving REST requests (one file per element, so files are read in
 * parallel): every request line becomes the examples it scored ({@link ServingRequests}), keyed by
 * the file's split. Blank lines are skipped; gzip is told by the magic bytes. A bad line fails the
 * read naming the file and line, so no request is silently lost.
 */
public final class ReadServingJsonFn extends DoFn<InputFile, KV<String, Example>> {
  private static final int GZIP_MAGIC = 0x8b1f;

  @ProcessElement
  public void process(@Element InputFile file, OutputReceiver<KV<String, Example>> out) {
    long line = 0;
    long examples = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), 1 << 16)) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        for (Example e : ServingRequests.parse(text, file.path(), line)) {
          out.output(KV.of(file.split(), e));
          examples++;
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read serving request log " + file.path() + " at line " + (line + 1)
          + ": " + e.getMessage(), e);
    }
    if (examples == 0) {
      throw new InvalidInputException("Serving request log " + file.path() + " holds no examples in its " + line
          + " lines: expected requests with \"instances\" or \"inputs\"");
    }
  }

  private static InputStream open(InputFile file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false))), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 >= 0 && b1 >= 0 && ((b1 << 8) | b0) == GZIP_MAGIC ? new GZIPInputStream(in, 1 << 16) : in;
  }
}
