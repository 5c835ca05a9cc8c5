package org.nndl.train.parallel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nndl.compute.ExactSum;

/**
 * The channel of the parallel plan's rounds: a socket server on the driver for one barrier stage.
 * Each task of the stage connects, and every round sends its part of the change (an
 * {@link ExactSum}) and gets back the total as doubles: the hub merges the parts exactly and
 * rounds once, so every task receives the same bits. Spark's own channel,
 * {@code BarrierTaskContext.allGather}, waits in steps of one second (its task thread polls the
 * answer with a one-second sleep), which is longer than a round's arithmetic (docs/scaling.md).
 *
 * <p>Each total goes to a {@link Listener} on the driver before the tasks get it (the driver's
 * {@link Replay} of the parameters), and its status byte carries the driver's stop request: the
 * tasks then end their stretch after the current epoch, all at the same round.
 *
 * <p>A retried stage's tasks come with a new attempt number and get their own rounds. A
 * connection must present the stage's random token, which reaches the tasks inside their
 * closure (Spark's authenticated, optionally encrypted channel); the parts themselves travel in
 * the clear.
 */
public final class RoundHub implements AutoCloseable {
  /** What a task needs to reach the hub. */
  public record Address(String host, int port, long token) implements Serializable {}

  /** What the driver does with the rounds. */
  public interface Listener {
    /** Only the exchange (the bench's rounds). */
    Listener NONE = new Listener() {
      @Override public void total(int attempt, double[] total) {}

      @Override public boolean stopRequested() { return false; }

      @Override public Resume resume(int attempt) { return null; }
    };

    /** Stage attempt number attempt's next round total (null: not finite), before the tasks get it. */
    void total(int attempt, double[] total);

    /** Whether the tasks should end their stretch after the current epoch. */
    boolean stopRequested();

    /**
     * Where stage attempt number attempt's tasks start, once they all connected: null for the
     * stretch's start, else after the rounds an earlier attempt completed.
     */
    Resume resume(int attempt);
  }

  /** The rounds of the stretch done before an attempt (counted over its epochs), and w and u after them. */
  public record Resume(long rounds, double[] params, double[] velocity) {}

  /** A total's status byte: not finite (the tasks stop), finite, finite and end the stretch after this epoch. */
  static final byte INVALID = 0, VALID = 1, VALID_STOP = 2;
  /** The first byte an attempt's tasks get: start at the stretch's start, or go on from an earlier attempt's rounds. */
  static final byte START = 3, RESUME = 4;

  private final ServerSocket server;
  private final int tasks;
  private final long token;
  private final Listener listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "nndl-round-hub");
    t.setDaemon(true);
    return t;
  });
  private final Map<Integer, List<Link>> attempts = new HashMap<>();
  private final List<Socket> open = new ArrayList<>();

  /** A hub for a stage of tasks, listening on host (the driver's address). */
  public RoundHub(String host, int tasks, Listener listener) throws IOException {
    this.server = new ServerSocket();
    this.server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
    this.tasks = tasks;
    this.listener = listener;
    this.token = new SecureRandom().nextLong();
    threads.execute(this::accept);
  }

  public Address address() { return new Address(server.getInetAddress().getHostAddress(), server.getLocalPort(), token); }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (this) { open.add(s); }
        threads.execute(() -> hello(s));
      } catch (IOException e) {
        return;  // closed
      }
    }
  }

  /** Reads a connection's token, attempt and partition; when an attempt's tasks are all in, runs its rounds. */
  private void hello(Socket s) {
    try {
      s.setTcpNoDelay(true);
      Link link = new Link(s);
      if (link.in.readLong() != token) { s.close(); return; }
      int attempt = link.in.readInt();
      link.partition = link.in.readInt();
      List<Link> ready = null;
      synchronized (this) {
        List<Link> links = attempts.computeIfAbsent(attempt, a -> new ArrayList<>());
        links.add(link);
        if (links.size() == tasks) ready = links;
      }
      if (ready != null) rounds(attempt, ready);
    } catch (IOException e) {
      closeQuietly(s);
    }
  }

  /** Where the attempt starts, to each task; then each round: every task's part in, the exact total out to each, until the tasks hang up. */
  private void rounds(int attempt, List<Link> links) {
    try {
      Resume resume = listener.resume(attempt);
      byte[] w = resume == null ? null : bytes(resume.params()), u = resume == null ? null : bytes(resume.velocity());
      for (Link l : links) {
        l.out.writeByte(resume == null ? START : RESUME);
        if (resume != null) {
          l.out.writeLong(resume.rounds());
          l.out.write(w);
          l.out.write(u);
        }
        l.out.flush();
      }
      while (true) {
        ExactSum total = new ExactSum();
        for (Link l : links) {
          int length = l.in.readInt();
          if (length < 0) return;  // the epoch's last round is done
          byte[] part = new byte[length];
          l.in.readFully(part);
          total.merge(ExactSum.fromBytes(part));
        }
        double[] doubles = total.invalid() ? null : total.toDoubles(new double[total.length()]);
        listener.total(attempt, doubles);
        byte status = doubles == null ? INVALID : listener.stopRequested() ? VALID_STOP : VALID;
        byte[] sum = doubles == null ? null : bytes(doubles);
        for (Link l : links) {
          l.out.writeByte(status);
          if (sum != null) l.out.write(sum);
          l.out.flush();
        }
      }
    } catch (IOException e) {
      // a task failed: the stage is retried with a new attempt's connections
    } finally {
      for (Link l : links) closeQuietly(l.socket);
    }
  }

  /** The doubles as the tasks read them (big-endian, as DataOutput writes a double). */
  private static byte[] bytes(double[] values) {
    byte[] b = new byte[8 * values.length];
    ByteBuffer.wrap(b).asDoubleBuffer().put(values);
    return b;
  }

  @Override
  public void close() {
    closeQuietly(server);
    synchronized (this) { open.forEach(RoundHub::closeQuietly); }
    threads.shutdownNow();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static final class Link {
    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;
    int partition;

    Link(Socket s) throws IOException {
      socket = s;
      in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
      out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
    }
  }
}
