package io.beamline.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One input parameter of a KFP component: a field of the component's parameters record, by the
 * name Jackson gives it, or {@value #BEAM_ARGS}.
 *
 * @param name the parameter name (the JSON property name of the record field)
 * @param type its KFP type
 * @param defaultValue the default, as JSON; empty when the default is null (the parameter is then
 *     optional and the component's own default applies)
 * @param description a short description for KFP's UI
 */
record ParameterDefinition(String name, ParameterType type, Optional<JsonNode> defaultValue, String description) {
  /** The Beam options of a step (e.g. {@code ["--runner=FlinkRunner", "--flinkMaster=host:8081"]}). */
  static final String BEAM_ARGS = "beam_args";

  ParameterDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    defaultValue.ifPresent(v -> {
      if (!type.accepts(v)) {
        throw new IllegalArgumentException("Parameter '" + name + "' is " + type + " but its default is " + v);
      }
    });
  }

  static ParameterDefinition beamArgs() {
    return new ParameterDefinition(BEAM_ARGS, ParameterType.LIST,
        Optional.of(JsonNodeFactory.instance.arrayNode()),
        "Beam pipeline options of this step, e.g. [\"--runner=FlinkRunner\", \"--flinkMaster=HOST:8081\"]");
  }

  /** A {@code ComponentInputsSpec.ParameterSpec} message. */
  ObjectNode toSpec() {
    return toSpec(defaultValue);
  }

  /** The same spec with another default (a pipeline parameter takes the node's value as default). */
  ObjectNode toSpec(Optional<JsonNode> value) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("parameterType", type.name());
    value.ifPresent(v -> node.set("defaultValue", v));
    // KFP's SDK marks a parameter with a default optional; one without a default is optional here
    // too, because the component's own default (null) applies when it is not given.
    node.put("isOptional", true);
    if (!description.isEmpty()) {
      node.put("description", description);
    }
    return node;
  }
}
