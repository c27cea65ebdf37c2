package io.beamline.runner.spark;

import io.beamline.core.component.JobStaging;
import io.beamline.core.component.RemoteSubmission;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes Beam options that submit to a Spark standalone cluster ({@code --runner=SparkRunner
 * --sparkMaster=spark://HOST:PORT}): the files to stage when none are given (this JVM's class path
 * by {@link JobStaging}'s rule, against the jars this module's cluster runs, {@code
 * cluster-jars.txt}; never Spark's or Scala's jars), and the application's settings that a user
 * has not set as {@code spark.*} system properties, which is where Beam's SparkRunner's {@code
 * SparkConf} reads them: see {@link #defaults(String)}. {@code local[N]} masters need neither.
 */
public final class SparkSubmission implements RemoteSubmission {
  @Override
  public List<String> complete(List<String> args) {
    String master = RemoteSubmission.value(args, "sparkMaster");
    if (!RemoteSubmission.runnerIs(args, "spark") || master == null || !master.startsWith("spark://")) {
      return args;
    }
    defaults(master).forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        System.setProperty(k, v);
      }
    });
    if (RemoteSubmission.value(args, "filesToStage") != null) {
      return args;
    }
    List<String> completed = new ArrayList<>(args);
    completed.add(JobStaging.option(JobStaging.filesToStage(JobStaging.classpath(),
        JobStaging.clusterJars(SparkSubmission.class, "cluster-jars.txt"),
        name -> name.startsWith("spark-") || name.startsWith("scala-"))));
    return completed;
  }

  /**
   * The settings a job on a standalone cluster needs: the staged jars (Beam's among them) loaded
   * before the cluster's ({@code spark.executor.userClassPathFirst}, see {@link JobStaging}), and
   * Beamline's own JVM flags on executors (DataSketches' foreign memory; Spark adds its
   * {@code --add-opens} list, java.nio included, itself). For a master on this machine (the cluster
   * {@code spark-cluster.sh} starts) also the driver on 127.0.0.1 (executors connect back to it);
   * elsewhere the driver's address is Spark's default or the user's. Executors keep Spark's 1 GiB
   * ({@code spark.executor.memory}), what each Worker of the local cluster offers: 512 MiB ran
   * ExampleGen on the taxi data x100 out of heap.
   */
  static Map<String, String> defaults(String master) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("spark.executor.userClassPathFirst", "true");
    d.put("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.foreign -Dfile.encoding=UTF-8");
    String host = URI.create(master).getHost();
    if ("127.0.0.1".equals(host) || "localhost".equals(host)) {
      d.put("spark.driver.host", "127.0.0.1");
      d.put("spark.driver.bindAddress", "127.0.0.1");
    }
    return d;
  }
}
