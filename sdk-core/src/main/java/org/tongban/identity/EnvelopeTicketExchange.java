package org.tongban.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransportException;
import org.tongban.http.HttpTransports;
import org.tongban.internal.http.Forms;
import org.tongban.result.CheckId;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * The common provincial ticket shape, configurable: (1) the ticket, the app id and secret go
 * to the ticket endpoint, which answers {@code {"code":…, "msg":…, "data":{"token":…}}};
 * (2) the token goes to the userinfo endpoint, which answers the person in the same envelope;
 * (3) the person's fields, renamed to the claim names of the {@link IdentityMapper}, become an
 * {@link Identity} (minimum real-name level included).
 *
 * <p>Reasons: {@link Reason#AUTHORIZATION_FAILED} (a code other than the success code, or no
 * token), {@link Reason#FORMAT_FAILURE} (not the envelope), {@link Reason#KEY_SOURCE_UNAVAILABLE}
 * (the platform unreachable, INDETERMINATE), and the mapper's. Bodies are limited to 64 KiB.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class EnvelopeTicketExchange implements TicketExchange {
  /** The ticket → token call. */
  public static final CheckId TICKET = CheckId.of("ticket.exchange");
  /** The token → userinfo call. */
  public static final CheckId USERINFO = CheckId.of("ticket.userinfo");
  private static final long MAX_BODY = 64 * 1024;

  private final URI ticketEndpoint;
  private final URI userinfoEndpoint;
  private final String appId;
  private final String appSecret;
  private final String successCode;
  private final Map<String, String> renames;
  private final IdentityMapper mapper;
  private final HttpTransport transport;
  private final Clock clock;

  private EnvelopeTicketExchange(Builder b) {
    this.ticketEndpoint = b.ticketEndpoint;
    this.userinfoEndpoint = b.userinfoEndpoint;
    this.appId = b.appId;
    this.appSecret = b.appSecret;
    this.successCode = b.successCode;
    this.renames = Map.copyOf(b.renames);
    this.mapper = b.mapper;
    this.transport = b.transport;
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @param ticketEndpoint where tickets are exchanged (form POST of {@code ticket},
   *     {@code appId}, {@code appSecret})
   * @param userinfoEndpoint where the token is presented (form POST of {@code token})
   * @param appId this department's app id at the platform
   * @param appSecret its secret
   * @param mapper the identity rules
   * @return a builder
   */
  public static Builder builder(URI ticketEndpoint, URI userinfoEndpoint, String appId,
      String appSecret, IdentityMapper mapper) {
    return new Builder(ticketEndpoint, userinfoEndpoint, appId, appSecret, mapper);
  }

  @Override
  public VerificationResult<Identity> exchange(String ticket) {
    Objects.requireNonNull(ticket, "ticket");
    VerificationResult.Builder<Identity> r = VerificationResult.builder(clock.instant());
    if (ticket.isEmpty() || ticket.length() > 512) {
      return r.fail(TICKET, Reason.FORMAT_FAILURE, "no usable ticket").buildFailed();
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("ticket", ticket);
    q.put("appId", appId);
    q.put("appSecret", appSecret);
    Map<String, Object> data;
    try {
      data = call(ticketEndpoint, q);
    } catch (Failure f) {
      return r.fail(TICKET, f.reason, f.getMessage()).buildFailed();
    }
    if (!(data.get("token") instanceof String token) || token.isEmpty()) {
      return r.fail(TICKET, Reason.AUTHORIZATION_FAILED, "no token for the ticket")
          .buildFailed();
    }
    r.ok(TICKET, "token received");
    Map<String, Object> person;
    try {
      person = call(userinfoEndpoint, Map.of("token", token));
    } catch (Failure f) {
      return r.fail(USERINFO, f.reason, f.getMessage()).buildFailed();
    }
    r.ok(USERINFO, "userinfo received");
    Map<String, Object> claims = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : person.entrySet()) {
      claims.put(renames.getOrDefault(e.getKey(), e.getKey()), e.getValue());
    }
    VerificationResult<Identity> id = mapper.map(claims);
    r.addAll(id);
    return id.isValid() ? r.build(id.orElseThrow()) : r.buildFailed();
  }

  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Reason reason;

    Failure(Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  /**
   * One form POST (secrets and tokens stay out of URLs and access logs); returns the envelope's
   * {@code data} when {@code code} is the success code.
   */
  private Map<String, Object> call(URI endpoint, Map<String, String> form) throws Failure {
    HttpResponse resp;
    try {
      resp = transport.send(HttpRequest.post(endpoint, "application/x-www-form-urlencoded",
          Forms.encode(form).getBytes(StandardCharsets.US_ASCII)),
          HttpLimits.defaults().withMaxBodyBytes(MAX_BODY));
    } catch (HttpTransportException e) {
      throw new Failure(e.reason() == Reason.SIZE_LIMIT_EXCEEDED ? e.reason()
          : Reason.KEY_SOURCE_UNAVAILABLE, e.getMessage());
    }
    Map<String, Object> envelope;
    try {
      envelope = com.nimbusds.jose.util.JSONObjectUtils.parse(new String(resp.body(),
          StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new Failure(resp.isSuccessful() ? Reason.FORMAT_FAILURE
          : Reason.AUTHORIZATION_FAILED, "HTTP " + resp.status() + ", not a JSON envelope");
    }
    Object code = envelope.get("code");
    if (code == null || !successCode.equals(String.valueOf(code))) {
      throw new Failure(Reason.AUTHORIZATION_FAILED, "code " + code + ": "
          + envelope.getOrDefault("msg", ""));
    }
    if (!(envelope.get("data") instanceof Map<?, ?> d)) {
      throw new Failure(Reason.FORMAT_FAILURE, "no data object");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    d.forEach((k, v) -> data.put(String.valueOf(k), v));
    return data;
  }

  @Override
  public String toString() {
    return "EnvelopeTicketExchange[" + ticketEndpoint.getHost() + ", app " + appId + "]";
  }

  /** Builds an {@link EnvelopeTicketExchange}. Not thread-safe. */
  public static final class Builder {
    private final URI ticketEndpoint;
    private final URI userinfoEndpoint;
    private final String appId;
    private final String appSecret;
    private final IdentityMapper mapper;
    private String successCode = "0";
    private final Map<String, String> renames = new LinkedHashMap<>();
    private HttpTransport transport;
    private Clock clock = Clock.systemUTC();

    private Builder(URI ticketEndpoint, URI userinfoEndpoint, String appId, String appSecret,
        IdentityMapper mapper) {
      this.ticketEndpoint = Objects.requireNonNull(ticketEndpoint);
      this.userinfoEndpoint = Objects.requireNonNull(userinfoEndpoint);
      this.appId = Objects.requireNonNull(appId);
      this.appSecret = Objects.requireNonNull(appSecret);
      this.mapper = Objects.requireNonNull(mapper);
    }

    /**
     * Sets the envelope's success code (default {@code "0"}; numbers compare as text).
     *
     * @param code the code
     * @return this builder
     */
    public Builder successCode(String code) {
      this.successCode = Objects.requireNonNull(code);
      return this;
    }

    /**
     * Renames a userinfo field to the claim name the mapper reads (for example
     * {@code userId → sub}, {@code idCard → id_number}).
     *
     * @param field the platform's field
     * @param claim the mapper's claim name
     * @return this builder
     */
    public Builder rename(String field, String claim) {
      renames.put(Objects.requireNonNull(field), Objects.requireNonNull(claim));
      return this;
    }

    /**
     * Sets the HTTP transport (default OkHttp).
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport);
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Builds the exchange.
     *
     * @return the exchange
     */
    public EnvelopeTicketExchange build() {
      if (transport == null) {
        transport = HttpTransports.okHttp();
      }
      return new EnvelopeTicketExchange(this);
    }
  }
}
