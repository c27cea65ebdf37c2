package io.beamline.kfp;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.beamline.core.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The KFP parameters of a parameters record, read from the record itself through Jackson: each
 * property Jackson writes becomes a parameter of that name, typed from the Java type, with the
 * record's value as default. Because the entrypoint reads the values back into the record with the
 * same Jackson configuration ({@link Json}), what KFP passes is exactly what the record accepts.
 */
final class ParameterDefinitions {
  private ParameterDefinitions() {}

  /** The parameters of {@code values}' record type, with {@code values} as defaults. */
  static List<ParameterDefinition> of(String component, Record values) {
    ObjectMapper mapper = Json.mapper();
    BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(values.getClass()));
    JsonNode tree = Json.tree(Json.write(values));
    List<ParameterDefinition> out = new ArrayList<>();
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (!property.couldSerialize()) {
        continue;
      }
      String name = property.getName();
      JsonNode value = tree.get(name);
      Optional<JsonNode> defaultValue = value == null || value.isNull() ? Optional.empty() : Optional.of(value);
      Class<?> raw = property.getPrimaryType().getRawClass();
      String description = component + " parameter '" + name + "' (" + raw.getSimpleName()
          + (raw.isEnum() ? ": one of " + enumValues(raw) : "") + ")";
      out.add(new ParameterDefinition(name, ParameterType.of(property.getPrimaryType()), defaultValue, description));
    }
    return List.copyOf(out);
  }

  private static String enumValues(Class<?> type) {
    return String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> Json.tree(Json.write(c)).asText()).toList());
  }
}
