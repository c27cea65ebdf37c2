package io.beamline.pusher;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where to push and whether an unblessed model may be pushed anyway.
 *
 * @param destination the serving base directory; versions go to {@code <destination>/<version>/}
 * @param pushUnblessed push even when the blessing says NOT_BLESSED (default false)
 */
public record PusherParameters(@JsonProperty("destination") String destination,
    @JsonProperty("push_unblessed") boolean pushUnblessed) {
  public PusherParameters {
    destination = destination == null ? "" : destination;
  }

  public static PusherParameters to(String destination) {
    return new PusherParameters(destination, false);
  }

  public static PusherParameters defaults() {
    return new PusherParameters("", false);
  }

  public PusherParameters withPushUnblessed(boolean push) {
    return new PusherParameters(destination, push);
  }
}
