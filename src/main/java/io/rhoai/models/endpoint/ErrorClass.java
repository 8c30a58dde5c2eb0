package io.rhoai.models.endpoint;

/** Why one request of a load test failed; the report counts requests per class. */
public enum ErrorClass {
    /** HTTP 401 or 403: the API key is missing, wrong or not allowed this model. */
    UNAUTHORIZED("unauthorized"),
    /** HTTP 404: wrong URL or model name. */
    NOT_FOUND("not-found"),
    /** HTTP 429 still after the Retry-After waits that fitted in the deadline. */
    RATE_LIMITED("rate-limited"),
    /** Any other 4xx: the endpoint rejected the request (400: e.g. a model that does not take this kind). */
    CLIENT_ERROR("client-error"),
    /** 5xx. */
    SERVER_ERROR("server-error"),
    /** The run's --timeout ended while the request was in flight. */
    TIMEOUT("timeout"),
    /** Connection refused, reset or closed, unknown host. */
    CONNECTION("connection"),
    /** TLS handshake or certificate trust failed. */
    TLS("tls"),
    /** HTTP 200 with a body that is not the OpenAI format of the kind (no choices, no embedding). */
    BAD_RESPONSE("bad-response"),
    /** A streamed answer that carried an error event or ended without {@code data: [DONE]}. */
    STREAM_ERROR("stream-error"),
    /** The run's --timeout ended before the request could be sent. */
    NOT_STARTED("not-started");

    private final String word;

    ErrorClass(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Classes that only say the time budget ran out (exit 5), not that the endpoint failed (exit 6). */
    public boolean deadline() {
        return this == TIMEOUT || this == NOT_STARTED;
    }

    public static ErrorClass ofStatus(int status) {
        if (status == 401 || status == 403) return UNAUTHORIZED;
        if (status == 404) return NOT_FOUND;
        if (status == 429) return RATE_LIMITED;
        if (status >= 500) return SERVER_ERROR;
        return CLIENT_ERROR;
    }
}
