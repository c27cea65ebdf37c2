package io.beamline.cli;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.Component;
import io.beamline.evaluator.Evaluator;
import io.beamline.examplegen.ExampleGen;
import io.beamline.monitor.Monitor;
import io.beamline.monitor.ServingSkew;
import io.beamline.pusher.Pusher;
import io.beamline.schemagen.ImportSchemaGen;
import io.beamline.schemagen.SchemaGen;
import io.beamline.statsgen.CsvStatistics;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.trainer.Trainer;
import io.beamline.validator.ExampleValidator;
import io.beamline.validator.RowValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every component the command line ships, by its spec's name (as the demo prints it): what
 * {@code beamline kfp component NAME} describes and {@code beamline kfp run --component NAME} runs.
 */
final class BeamlineComponents {
  private BeamlineComponents() {}

  static List<Component<?>> all() {
    return List.of(new ExampleGen(), new StatisticsGen(), new CsvStatistics(), new SchemaGen(), new ImportSchemaGen(),
        new ExampleValidator(), new RowValidator(), new Trainer(), new Evaluator(), new Pusher(), new Monitor(),
        new ServingSkew());
  }

  static Component<?> named(String name) {
    Map<String, Component<?>> byName = new LinkedHashMap<>();
    all().forEach(c -> byName.put(c.spec().name(), c));
    Component<?> c = byName.get(name);
    if (c == null) {
      throw new InvalidParameterException("No component '" + name + "'; components are " + byName.keySet());
    }
    return c;
  }
}
