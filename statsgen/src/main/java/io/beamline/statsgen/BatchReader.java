package io.beamline.statsgen;

import java.io.Serializable;

/** Feeds one input element's Arrow columns into an accumulator (how a CombineFn reads its input type). */
@FunctionalInterface
interface BatchReader<T> extends Serializable {
  void addTo(SlicedAccumulator accumulator, T input);
}
