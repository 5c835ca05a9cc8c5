package org.nndl.train.parallel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.spark.TaskContext;
import org.nndl.compute.ExactSum;

/**
 * A task's end of the {@link RoundHub}: its part of each round out, the total back. While it
 * waits for a total it wakes every {@link #KILL_CHECK_MS} ms to see whether Spark killed the task
 * (a barrier stage kills all its tasks when one fails): a socket read is not interrupted, and a
 * killed task still waiting would hold the slot that the stage's retry needs.
 */
public final class HubExchange implements Rounds.Exchange, AutoCloseable {
  static final int KILL_CHECK_MS = 1000;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private byte[] total;  // a round's total as it arrives, reused
  private boolean stop;  // the driver asked the tasks to end their stretch after this epoch
  private boolean started;  // the hub's first message (where the attempt starts) was read

  public HubExchange(RoundHub.Address hub, int attempt, int partition) {
    try {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(hub.host(), hub.port()), 60_000);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
      out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
      out.writeLong(hub.token());
      out.writeInt(attempt);
      out.writeInt(partition);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the driver's round hub at " + hub.host() + ":" + hub.port(), e);
    }
  }

  /**
   * Where this attempt starts, once every task of it connected: null for the stretch's start,
   * else the rounds an earlier attempt completed and w and u after them (parameterCount each).
   */
  public RoundHub.Resume awaitStart(int parameterCount) {
    try {
      started = true;
      if (awaitByte() == RoundHub.START) return null;
      long rounds = in.readLong();
      double[] w = new double[parameterCount], u = new double[parameterCount];
      readDoubles(w);
      readDoubles(u);
      return new RoundHub.Resume(rounds, w, u);
    } catch (IOException e) {
      throw new UncheckedIOException("lost the driver's round hub", e);
    }
  }

  @Override
  public boolean total(ExactSum mine, double[] change) {
    if (!started) awaitStart(change.length);
    try {
      byte[] part = mine.toBytes();
      out.writeInt(part.length);
      out.write(part);
      out.flush();
      byte status = awaitByte();
      if (status == RoundHub.INVALID) return false;
      stop |= status == RoundHub.VALID_STOP;
      readDoubles(change);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("lost the driver's round hub", e);
    }
  }

  /** Whether a total since the stretch began carried the driver's stop request. */
  public boolean stopRequested() { return stop; }

  /** Doubles as the hub sends them, one block. */
  private void readDoubles(double[] into) throws IOException {
    if (total == null || total.length != 8 * into.length) total = new byte[8 * into.length];
    in.readFully(total);
    ByteBuffer.wrap(total).asDoubleBuffer().get(into);
  }

  /** A message's first byte (a total's status, or where the attempt starts), waiting as long as the task is not killed. */
  private byte awaitByte() throws IOException {
    TaskContext task = TaskContext.get();
    socket.setSoTimeout(KILL_CHECK_MS);
    try {
      while (true) {
        try {
          return in.readByte();  // one byte: a timeout loses nothing
        } catch (SocketTimeoutException e) {
          if (task != null) task.killTaskIfInterrupted();
        }
      }
    } finally {
      socket.setSoTimeout(0);  // the rest of the total follows at once
    }
  }

  @Override
  public void close() {
    try {
      out.writeInt(-1);
      out.flush();
      socket.close();
    } catch (IOException ignored) {
      // the hub is gone too
    }
  }
}
