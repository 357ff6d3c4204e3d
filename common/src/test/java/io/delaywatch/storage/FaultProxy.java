package io.delaywatch.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a real S3 server (S3Proxy), for the
 * fault-injection suite: clients use it as their endpoint through the real AWS SDK. Each request is
 * forwarded on its own upstream connection ({@code Connection: close}), so every request can be
 * judged: answered with a 503 SlowDown, its response cut mid-body by a TCP reset, stalled, or
 * passed. Not API.
 *
 * <p>Written by hand because the job is small and the faults must be exact (a reset after a given
 * number of body bytes); bodies are piped, never buffered. Loopback only.
 */
public final class FaultProxy implements AutoCloseable {
  /** What to do with one request. */
  public enum Fault {
    PASS,
    /** Answer 503 SlowDown without forwarding (S3's throttling answer; the SDK retries it). */
    SLOW_DOWN,
    /** Forward, then cut the response by a TCP reset after some body bytes. */
    RESET_MID_BODY,
    /** Wait {@link #stallMillis} before forwarding. */
    STALL
  }

  /** One request as the policy sees it. */
  public record Request(int number, String method, String target) {}

  /** Decides the fault of each request; called on the connection's thread. */
  @FunctionalInterface
  public interface Policy {
    Fault decide(Request request);
  }

  private final ServerSocket server;
  private final URI upstream;
  private final Thread acceptor;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
  private final AtomicLong resetAfterBytes = new AtomicLong(4096);
  private volatile Policy policy = r -> Fault.PASS;
  private volatile long stallMillis = 1500;
  private volatile Runnable onReset = () -> {};

  /** Starts a proxy in front of {@code upstream} (an http://127.0.0.1:port endpoint). */
  public FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A policy drawing each request's fault at random with a fixed seed: {@code slowDown} of the
   * requests answered 503, {@code reset} of the GETs cut mid-body, {@code stall} stalled.
   */
  public static Policy random(long seed, double slowDown, double reset, double stall) {
    Random random = new Random(seed);
    return request -> {
      double x;
      synchronized (random) {
        x = random.nextDouble();
      }
      if (x < slowDown) {
        return Fault.SLOW_DOWN;
      }
      if (x < slowDown + reset && request.method().equals("GET")) {
        return Fault.RESET_MID_BODY;
      }
      if (x < slowDown + reset + stall) {
        return Fault.STALL;
      }
      return Fault.PASS;
    };
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public FaultProxy policy(Policy value) {
    this.policy = value;
    return this;
  }

  public FaultProxy stallMillis(long value) {
    this.stallMillis = value;
    return this;
  }

  public FaultProxy resetAfterBytes(long value) {
    this.resetAfterBytes.set(value);
    return this;
  }

  /** Runs just before a reset is sent, so before the client can send its next request. */
  public FaultProxy onReset(Runnable value) {
    this.onReset = value;
    return this;
  }

  public int requests() {
    return requests.get();
  }

  /** How many requests got {@code fault}. */
  public int injected(Fault fault) {
    AtomicInteger n = injected.get(fault);
    return n == null ? 0 : n.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread worker = new Thread(() -> serve(client), "fault-proxy-conn");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
      Request request = new Request(requests.incrementAndGet(), requestLine[0], requestLine[1]);
      Fault fault = policy.decide(request);
      injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
      OutputStream out = client.getOutputStream();
      if (fault == Fault.SLOW_DOWN) {
        byte[] body =
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                    + "<Message>Please reduce your request rate.</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return;
      }
      if (fault == Fault.STALL) {
        Thread.sleep(stallMillis);
      }
      try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
        OutputStream upOut = up.getOutputStream();
        upOut.write(closeAfterResponse(text).getBytes(StandardCharsets.ISO_8859_1));
        upOut.flush();
        Thread body = new Thread(() -> pipe(in, upOut), "fault-proxy-body");
        body.setDaemon(true);
        body.start();
        InputStream upIn = up.getInputStream();
        if (fault == Fault.RESET_MID_BODY) {
          byte[] responseHead = readHead(upIn);
          if (responseHead == null) {
            return;
          }
          out.write(responseHead);
          byte[] buffer = new byte[8192];
          long left = resetAfterBytes.get();
          while (left > 0) {
            int n = upIn.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
              break;
            }
            out.write(buffer, 0, n);
            left -= n;
          }
          out.flush();
          // Before the reset: the client cannot send its next request until it sees it.
          onReset.run();
          // SO_LINGER 0: close sends a TCP reset, as a dropped connection does.
          client.setSoLinger(true, 0);
          client.close();
          return;
        }
        pipe(upIn, out);
      }
    } catch (IOException e) {
      // the client or the server went away: nothing to report
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The request head with its Connection header replaced: one request per connection. */
  private static String closeAfterResponse(String head) {
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.isEmpty() && !line.toLowerCase(java.util.Locale.ROOT).startsWith("connection:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  /** The bytes up to and including the blank line ending an HTTP head; null at end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > 65536) {
        throw new IOException("HTTP head above 64 KB");
      }
    }
    return head.toByteArray();
  }

  private static void pipe(InputStream in, OutputStream out) {
    byte[] buffer = new byte[65536];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
