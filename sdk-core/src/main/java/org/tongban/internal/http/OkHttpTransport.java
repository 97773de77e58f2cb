package org.tongban.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransportException;
import org.tongban.result.Reason;

/** {@link HttpTransport} over OkHttp. Thread-safe. */
public final class OkHttpTransport implements HttpTransport {
  private static final class Holder {
    static final OkHttpTransport SHARED = new OkHttpTransport(new OkHttpClient.Builder()
        .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
        .build());
  }

  private final OkHttpClient client;

  /**
   * Creates a transport.
   *
   * @param client the client
   */
  public OkHttpTransport(OkHttpClient client) {
    this.client = client;
  }

  /**
   * Returns the shared default transport.
   *
   * @return the transport
   */
  public static OkHttpTransport shared() {
    return Holder.SHARED;
  }

  @Override
  public HttpResponse send(HttpRequest request, HttpLimits limits) {
    OkHttpClient c = client.newBuilder()
        .connectTimeout(limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(limits.connectTimeout().plus(limits.readTimeout()).toMillis(),
            TimeUnit.MILLISECONDS)
        .followRedirects(false).followSslRedirects(false)
        .build();
    Request.Builder rb = new Request.Builder().url(request.uri().toString());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      rb.header(h.getKey(), h.getValue());
    }
    if ("POST".equals(request.method())) {
      rb.post(RequestBody.create(request.body().orElseThrow(),
          MediaType.parse(request.contentType().orElseThrow())));
    }
    Call call = c.newCall(rb.build());
    try (Response resp = call.execute()) {
      ResponseBody body = resp.body();
      long declared = body.contentLength();
      if (declared > limits.maxBodyBytes()) {
        throw new HttpTransportException(Reason.SIZE_LIMIT_EXCEEDED,
            "response body of " + declared + " bytes exceeds " + limits.maxBodyBytes(), null);
      }
      byte[] bytes = readLimited(body.byteStream(), limits.maxBodyBytes());
      return new HttpResponse(resp.code(), bytes, Optional.ofNullable(resp.header("Content-Type")));
    } catch (IOException e) {
      throw new HttpTransportException(Reason.KEY_SOURCE_UNAVAILABLE,
          "HTTP exchange failed: " + request, e);
    }
  }

  private static byte[] readLimited(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buf)) != -1; ) {
      total += n;
      if (total > max) {
        throw new HttpTransportException(Reason.SIZE_LIMIT_EXCEEDED,
            "response body exceeds " + max + " bytes", null);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
