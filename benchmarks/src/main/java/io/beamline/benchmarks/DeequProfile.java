package io.beamline.benchmarks;

import com.amazon.deequ.profiles.ColumnProfilerRunner;
import com.amazon.deequ.profiles.ColumnProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The peer: Amazon Deequ's column profiler (types, completeness, distinct counts, numeric
 * statistics) on Spark {@code local[2]} over the same CSV, read with every column as a string so
 * Deequ infers types itself, as Beamline does.
 */
final class DeequProfile {
  private DeequProfile() {}

  static Measurement run(Path csv) throws Exception {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("beamline-benchmark-deequ")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    try {
      long start = System.nanoTime();
      Dataset<Row> data = spark.read().option("header", "true").csv(csv.toString());
      ColumnProfiles profiles = ColumnProfilerRunner.apply().onData(data).run();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Measurement("deequ-profile", profiles.numRecords(), Files.size(csv), seconds,
          Measurement.peakRss());
    } finally {
      spark.stop();
    }
  }
}
