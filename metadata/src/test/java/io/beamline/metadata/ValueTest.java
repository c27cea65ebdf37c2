package io.beamline.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {
  @Test
  void convertsPlainJavaValues() {
    assertEquals(new Value.IntValue(3), Value.of(3));
    assertEquals(new Value.IntValue(3), Value.of(3L));
    assertEquals(new Value.IntValue(3), Value.of((short) 3));
    assertEquals(new Value.DoubleValue(1.5), Value.of(1.5f));
    assertEquals(new Value.StringValue("x"), Value.of("x"));
    assertEquals(new Value.IntValue(1), Value.of(true));
    assertEquals(new Value.IntValue(0), Value.of(false));
    assertEquals(new Value.StructValue("[\"train\",\"eval\"]"), Value.of(List.of("train", "eval")));
    assertEquals(PropertyType.STRUCT, Value.of(Map.of()).type());
  }

  @Test
  void structKeysAreSortedSoEqualContentIsEqual() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", Map.of("z", 1, "y", 2));
    Value v = Value.of(m);
    assertEquals("{\"a\":{\"y\":2,\"z\":1},\"b\":1}", ((Value.StructValue) v).json());
    assertEquals(v, new Value.StructValue("{ \"b\": 1, \"a\": {\"z\": 1, \"y\": 2} }"));
    assertEquals(Map.of("a", Map.of("y", 2, "z", 1), "b", 1), v.toJava());
  }

  @Test
  void rejectsInvalidJsonAndUnsupportedTypes() {
    MetadataStoreException bad =
        assertThrows(MetadataStoreException.class, () -> new Value.StructValue("{\"a\":"));
    assertTrue(bad.getMessage().startsWith("Struct value: not valid JSON: '{\"a\":'"),
        bad.getMessage());
    MetadataStoreException type =
        assertThrows(MetadataStoreException.class, () -> Value.of(new Object()));
    assertTrue(type.getMessage().startsWith("Cannot convert a java.lang.Object"), type.getMessage());
    assertThrows(MetadataStoreException.class, () -> Value.of(null));
  }
}
