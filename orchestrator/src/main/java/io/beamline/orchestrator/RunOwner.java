package io.beamline.orchestrator;

import io.beamline.metadata.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process that runs a pipeline run: enough for another process to tell later whether it is
 * still there. The pid alone is not: pids are reused, so the process start is kept too, and a pid
 * means nothing on another host, where only the run's heartbeat can tell.
 *
 * @param pid the operating-system process id
 * @param host this machine's host name; empty when it could not be found
 * @param processStart when the process started, if the platform says
 * @param startTicks on Linux, when the process started in clock ticks since boot
 *     ({@code /proc/PID/stat}), the exact start to compare
 */
record RunOwner(long pid, String host, Optional<Instant> processStart, OptionalLong startTicks) {
  /**
   * Where the ticks are not known: start instants are derived from ticks since boot and a boot
   * time each JVM reads once, so they agree between processes unless the wall clock was stepped
   * in between (a virtual machine resumed, a clock set by hand: seen here as a live run judged
   * dead); a second of slack still tells a reused pid apart (reuse needs the pid space to wrap).
   */
  private static final long START_SLACK_MS = 1000;

  private static final RunOwner CURRENT = new RunOwner(ProcessHandle.current().pid(), hostName(),
      ProcessHandle.current().info().startInstant(), startTicksOf(ProcessHandle.current().pid()));

  RunOwner(long pid, String host, Optional<Instant> processStart) {
    this(pid, host, processStart, OptionalLong.empty());
  }

  static RunOwner current() {
    return CURRENT;
  }

  /** The owner's custom properties, for a run context or an execution. */
  Map<String, Value> properties() {
    Map<String, Value> props = new LinkedHashMap<>();
    props.put(StoreKeys.OWNER_PID, new Value.IntValue(pid));
    props.put(StoreKeys.OWNER_HOST, new Value.StringValue(host));
    processStart.ifPresent(t -> props.put(StoreKeys.OWNER_PROCESS_START, new Value.IntValue(t.toEpochMilli())));
    startTicks.ifPresent(t -> props.put(StoreKeys.OWNER_PROCESS_START_TICKS, new Value.IntValue(t)));
    return props;
  }

  /** The owner recorded in {@code props}; empty for records written before owners were recorded. */
  static Optional<RunOwner> from(Map<String, Value> props) {
    if (!(props.get(StoreKeys.OWNER_PID) instanceof Value.IntValue pid)) {
      return Optional.empty();
    }
    String host = props.get(StoreKeys.OWNER_HOST) instanceof Value.StringValue h ? h.value() : "";
    Optional<Instant> start = props.get(StoreKeys.OWNER_PROCESS_START) instanceof Value.IntValue t
        ? Optional.of(Instant.ofEpochMilli(t.value())) : Optional.empty();
    OptionalLong ticks = props.get(StoreKeys.OWNER_PROCESS_START_TICKS) instanceof Value.IntValue t
        ? OptionalLong.of(t.value()) : OptionalLong.empty();
    return Optional.of(new RunOwner(pid.value(), host, start, ticks));
  }

  /** Whether this owner runs on this machine, so its pid can be looked up here. */
  boolean onThisHost() {
    return !host.isEmpty() && host.equals(CURRENT.host);
  }

  /**
   * For an owner on this host: whether its process has ended, or its pid now names a process that
   * started at another time (the owner ended and the pid was reused).
   */
  boolean processGone() {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return true;
    }
    OptionalLong actualTicks = startTicks.isPresent() ? startTicksOf(pid) : OptionalLong.empty();
    if (actualTicks.isPresent()) {
      return actualTicks.getAsLong() != startTicks.getAsLong();
    }
    Optional<Instant> actual = handle.get().info().startInstant();
    return processStart.isPresent() && actual.isPresent()
        && Math.abs(actual.get().toEpochMilli() - processStart.get().toEpochMilli()) > START_SLACK_MS;
  }

  String describe() {
    return "pid " + pid + (host.isEmpty() ? "" : " on " + host);
  }

  /**
   * Field 22 of {@code /proc/PID/stat} (the start, in clock ticks since boot), on Linux; empty
   * elsewhere or when the process is gone. The command name (field 2) is in parentheses and may hold
   * spaces, so the fields are counted after its closing one.
   */
  static OptionalLong startTicksOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      return OptionalLong.of(Long.parseLong(fields[19])); // fields[0] is field 3 (the state)
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      return ""; // then runs are judged by heartbeat only, as if on another host
    }
  }
}
