package io.beamline.examplegen;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Sends each example of a batch of serialized examples to its split ({@link SplitAssigner}); each
 * split gets the batch's examples that are its own as one element, in the batch's order.
 */
final class SplitBatchesFn extends DoFn<KV<String, List<byte[]>>, List<byte[]>> {
  private final SplitAssigner assigner;
  private final List<TupleTag<List<byte[]>>> splits;

  SplitBatchesFn(SplitAssigner assigner, List<TupleTag<List<byte[]>>> splits) {
    this.assigner = assigner;
    this.splits = List.copyOf(splits);
  }

  @ProcessElement
  public void process(@Element KV<String, List<byte[]>> batch, MultiOutputReceiver out) {
    List<List<byte[]>> bySplit = new ArrayList<>(splits.size());
    for (int i = 0; i < splits.size(); i++) {
      bySplit.add(new ArrayList<>());
    }
    for (byte[] example : batch.getValue()) {
      bySplit.get(assigner.splitOf(batch.getKey(), example)).add(example);
    }
    for (int i = 0; i < splits.size(); i++) {
      if (!bySplit.get(i).isEmpty()) {
        out.get(splits.get(i)).output(bySplit.get(i));
      }
    }
  }
}
