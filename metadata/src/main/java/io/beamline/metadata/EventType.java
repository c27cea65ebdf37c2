package io.beamline.metadata;

/** Whether an execution read an artifact ({@code INPUT}) or produced it ({@code OUTPUT}). */
public enum EventType {
  INPUT,
  OUTPUT
}
