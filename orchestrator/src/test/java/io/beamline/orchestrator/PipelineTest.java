package io.beamline.orchestrator;

import static io.beamline.orchestrator.TestComponents.concat;
import static io.beamline.orchestrator.TestComponents.countLines;
import static io.beamline.orchestrator.TestComponents.writeText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static List<String> order(Pipeline p) {
    return p.nodesInOrder().stream().map(Node::id).toList();
  }

  @Test
  void dataBindingsOrderNodesWhateverOrderTheyAreGiven() {
    var write = Node.of(writeText());
    var count = Node.of(countLines()).withInput("text", write.output("text"));
    assertEquals(List.of("WriteText", "CountLines"), order(Pipeline.of("p", count, write)));
  }

  @Test
  void afterAddsAnOrderWithoutData() {
    var first = Node.of(writeText()).withId("first");
    var second = Node.of(writeText()).withId("second").after(first);
    assertEquals(List.of("first", "second"), order(Pipeline.of("p", second, first)));
  }

  @Test
  void diamondRunsJoinAfterBothBranches() {
    var left = Node.of(writeText()).withId("left");
    var right = Node.of(writeText()).withId("right");
    var join = Node.of(concat()).withInput("left", left.output("text")).withInput("right", right.output("text"));
    var count = Node.of(countLines()).withInput("text", join.output("text"));
    assertEquals(List.of("left", "right", "Concat", "CountLines"), order(Pipeline.of("p", count, join, left, right)));
  }

  @Test
  void rejectsACycleNamingItsNodes() {
    var a = Node.of(writeText()).withId("a");
    var b = Node.of(writeText()).withId("b").after(a);
    var c = Node.of(writeText()).withId("c").after(b);
    var aInCycle = a.after(c);
    PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
        () -> Pipeline.of("loop", aInCycle, b, c));
    assertEquals("Pipeline 'loop' has a cycle: a -> b -> c -> a", e.getMessage());
  }

  @Test
  void rejectsACycleThroughData() {
    var seed = Node.of(writeText());
    var x = Node.of(concat()).withId("x");
    var y = Node.of(concat()).withId("y").withInput("left", x.output("text")).withInput("right", seed.output("text"));
    var xInCycle = x.withInput("left", y.output("text")).withInput("right", seed.output("text"));
    PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
        () -> Pipeline.of("loop", seed, xInCycle, y));
    assertEquals("Pipeline 'loop' has a cycle: x -> y -> x", e.getMessage());
  }

  @Test
  void rejectsAnUnboundInput() {
    var count = Node.of(countLines());
    PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
        () -> Pipeline.of("p", count));
    assertEquals("Node 'CountLines' input 'text' (Text) is not bound to any node's output", e.getMessage());
  }

  @Test
  void rejectsABindingToANodeOutsideThePipeline() {
    var write = Node.of(writeText());
    var count = Node.of(countLines()).withInput("text", write.output("text"));
    PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
        () -> Pipeline.of("p", count));
    assertEquals("Node 'CountLines' input 'text' is bound to WriteText.text, but node 'WriteText' is not in"
        + " pipeline 'p'", e.getMessage());
  }

  @Test
  void rejectsDuplicateIdsAndWrongTypes() {
    var write = Node.of(writeText());
    assertEquals("Pipeline 'p' has two nodes with id 'WriteText'; give one of them another id with withId(...)",
        assertThrows(PipelineDefinitionException.class, () -> Pipeline.of("p", write, Node.of(writeText())))
            .getMessage());
    var count = Node.of(countLines());
    var counted = Node.of(countLines()).withId("other");
    assertEquals("Node 'other' input 'text' expects Text, but CountLines.counts is LineCounts",
        assertThrows(PipelineDefinitionException.class, () -> counted.withInput("text", count.output("counts")))
            .getMessage());
    assertEquals("Node 'WriteText' (WriteText) has no output 'nope'; its outputs are [text]",
        assertThrows(PipelineDefinitionException.class, () -> write.output("nope")).getMessage());
  }
}
