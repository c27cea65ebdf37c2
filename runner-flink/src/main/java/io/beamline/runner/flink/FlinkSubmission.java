package io.beamline.runner.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamline.core.component.JobStaging;
import io.beamline.core.component.RemoteSubmission;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Completes Beam options that submit to a Flink session cluster ({@code --runner=FlinkRunner
 * --flinkMaster=HOST:PORT}) with the engine settings Beamline's batch jobs run best with
 * ({@link #ENGINE_DEFAULTS}, unless given) and the files to stage when none are given, by
 * {@link JobStaging}'s rule. When the class path the JobManager reports (REST {@code /jobmanager/environment}; Flink
 * deployments run the JobManager and the TaskManagers from one image) holds every jar the job
 * needs, as on a cluster {@code flink-cluster.sh} starts with Beamline, the job ships an empty jar
 * and its classes are loaded once per TaskManager, not once per job. Otherwise it ships this JVM's
 * class path less the jars this module's cluster is built on ({@code cluster-jars.txt}), Beam
 * included, never Flink's own jars. The embedded masters ({@code [local]}, {@code [auto]},
 * {@code [collection]}) need no staging.
 */
public final class FlinkSubmission implements RemoteSubmission {
  private static final Set<String> EMBEDDED = Set.of("[local]", "[auto]", "[collection]");
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Flink's settings for Beam's batch jobs unless given: the DataStream translation with object
   * reuse. Beam's default (the DataSet translation) runs every ParDo as its own task, so every
   * element is serialized and read back between any two steps; the DataStream translation chains
   * them, and object reuse spares the copy (encode, then decode) Flink makes of each element handed
   * from one chained step to the next. Beam's model forbids a DoFn to change its input or an output
   * it has emitted, which is what makes reuse safe. Measured on taxi x1000 on a 2-TaskManager cluster:
   * ExampleGen 190.5 s a command before, 71.6 s after; {@code stats --input} 38-40 s, 20.9 s. A
   * small job pays about half a second more (the taxi file's statistics: job 1.4-2.0 s against
   * 1.0-1.5 s), and on the embedded masters, whose jobs are small, the tests of this module took
   * 58-73 s instead of 33 s: there Beam's defaults stay.
   */
  static final List<String> ENGINE_DEFAULTS = List.of("--useDataStreamForBatch=true", "--objectReuse=true");

  @Override
  public List<String> complete(List<String> args) {
    String master = RemoteSubmission.value(args, "flinkMaster");
    if (!RemoteSubmission.runnerIs(args, "flink") || master == null || EMBEDDED.contains(master)) {
      return args;
    }
    List<String> completed = new ArrayList<>(args);
    for (String setting : ENGINE_DEFAULTS) {
      String name = setting.substring(2, setting.indexOf('='));
      if (RemoteSubmission.value(args, name) == null) {
        completed.add(setting);
      }
    }
    if (RemoteSubmission.value(args, "filesToStage") != null) {
      return completed;
    }
    completed.add(JobStaging.option(JobStaging.filesToStage(JobStaging.classpath(),
        JobStaging.clusterJars(FlinkSubmission.class, "cluster-jars.txt"), clusterClasspath(master),
        name -> name.startsWith("flink-"), runnerCode())));
    return completed;
  }

  /**
   * The class path the JobManager at {@code master} reports; empty when it cannot be asked (the
   * submission that follows reports an unreachable master): the job then ships by the jar names
   * alone.
   */
  static List<String> clusterClasspath(String master) {
    List<String> entries = new ArrayList<>();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(ASK_TIMEOUT).build();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(new URI("http://" + master + "/jobmanager/environment"))
          .timeout(ASK_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        for (JsonNode entry : new ObjectMapper().readTree(r.body()).path("classpath")) {
          entries.add(entry.asText());
        }
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    return entries;
  }

  /** Where this module's classes are loaded from: the cluster runs on them, a job does not need them. */
  private static Path runnerCode() {
    CodeSource source = FlinkSubmission.class.getProtectionDomain().getCodeSource();
    try {
      return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
