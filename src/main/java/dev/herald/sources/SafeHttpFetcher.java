package dev.herald.sources;

import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;

/**
 * Fetches web pages and feeds from URLs that admins (and feeds) name, defensively: connect and read timeouts, a
 * cap on the body size (reading stops there, nothing more is buffered), at most {@value #MAX_REDIRECTS} redirects,
 * http and https only, and no requests to this machine's own addresses or private networks (loopback, site-local/private,
 * link-local, any-local, multicast, IPv6 unique-local, 6to4 and NAT64) unless {@code allowPrivateAddresses}. Every host is checked
 * after resolution and on every redirect hop, in the resolver OkHttp connects with, so a name cannot resolve to a
 * public address for the check and a private one for the connection.
 *
 * <p>Conditional requests: given the ETag and Last-Modified of the previous fetch it sends If-None-Match and
 * If-Modified-Since, and a 304 answer comes back as {@link FetchResult#notModified()}.
 */
public final class SafeHttpFetcher {

    public static final String USER_AGENT = "HeraldNewsBot/0.1 (+https://github.com/herald)";
    public static final int MAX_REDIRECTS = 5;
    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
            + "text/html;q=0.9, application/xhtml+xml;q=0.9, */*;q=0.5";

    private final OkHttpClient client;
    private final long maxBytes;
    private final boolean allowPrivateAddresses;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final Dns resolver;
    private final Supplier<Collection<InetAddress>> ownAddresses;

    /**
     * @param connectTimeout        longest wait to open a connection
     * @param readTimeout           longest wait for the next bytes of an answer (and, times four, for a whole answer)
     * @param maxBytes              largest body accepted
     * @param allowPrivateAddresses true to allow loopback and private addresses (tests, intranet deployments)
     */
    public SafeHttpFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes, boolean allowPrivateAddresses) {
        this(connectTimeout, readTimeout, maxBytes, allowPrivateAddresses, Dns.SYSTEM);
    }

    /** As above, with the name resolver given (tests resolve only local names, so nothing reaches a DNS server). */
    public SafeHttpFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes, boolean allowPrivateAddresses,
                           Dns resolver) {
        this(connectTimeout, readTimeout, maxBytes, allowPrivateAddresses, resolver, SafeHttpFetcher::interfaceAddresses,
                SocketFactory.getDefault());
    }

    /**
     * As above, with this machine's own addresses and the sockets given: tests name an address as the machine's own
     * and pass sockets that refuse to connect, so a refusal is proven to come before any connection.
     */
    SafeHttpFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes, boolean allowPrivateAddresses,
                    Dns resolver, Supplier<Collection<InetAddress>> ownAddresses, SocketFactory sockets) {
        this.resolver = resolver;
        this.ownAddresses = ownAddresses;
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive");
        this.maxBytes = maxBytes;
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.readTimeout = readTimeout;
        this.callTimeout = connectTimeout.plus(readTimeout.multipliedBy(4));
        this.client = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .followSslRedirects(false)
                // A pooled connection the server has closed (an HTTP/1.0 server, a keep-alive timeout) fails the next
                // request with "unexpected end of stream": without a retry on a fresh connection, the first item page
                // of every feed from such a server was lost and its short description stored instead. Retries use
                // the same checked addresses (resolver below), so the address check still comes first.
                .retryOnConnectionFailure(true)
                // A proxy would resolve the host itself, out of reach of the address check.
                .proxy(Proxy.NO_PROXY)
                .socketFactory(sockets)
                .dns(this::lookup)
                .build();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Fetches without validators. */
    public FetchResult fetch(String url) throws FetchException {
        return fetch(url, null, null);
    }

    /**
     * Fetches {@code url}, following redirects.
     *
     * @param etag         ETag of the previous fetch (sent as If-None-Match), or null
     * @param lastModified Last-Modified of the previous fetch (sent as If-Modified-Since), or null
     * @throws FetchException with a reason a person can act on
     */
    public FetchResult fetch(String url, String etag, String lastModified) throws FetchException {
        HttpUrl current = parse(url);
        for (int hop = 0; ; hop++) {
            checkLiteralAddress(current.host());
            Request.Builder rb = new Request.Builder().url(current).get()
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", ACCEPT);
            if (etag != null && !etag.isBlank()) rb.header("If-None-Match", etag);
            if (lastModified != null && !lastModified.isBlank()) rb.header("If-Modified-Since", lastModified);
            Call call = client.newCall(rb.build());
            try (Response response = call.execute()) {
                int code = response.code();
                if (code >= 300 && code < 400 && code != 304) {
                    String location = response.header("Location");
                    if (location == null) throw new FetchException("HTTP " + code + " redirect without a Location");
                    if (hop >= MAX_REDIRECTS) throw new FetchException("too many redirects (more than " + MAX_REDIRECTS + ")");
                    HttpUrl next = current.resolve(location);
                    if (next == null) throw new FetchException("redirect to an unsupported URL: " + location
                            + " (only http and https)");
                    current = next;
                    continue;
                }
                String newEtag = response.header("ETag");
                String newLastModified = response.header("Last-Modified");
                if (code == 304) {
                    return new FetchResult(current.toString(), true, response.header("Content-Type"), new byte[0],
                            newEtag != null ? newEtag : etag, newLastModified != null ? newLastModified : lastModified);
                }
                if (code < 200 || code >= 300) throw new FetchException("HTTP " + code);
                byte[] body = readLimited(call, response.body());
                return new FetchResult(current.toString(), false, response.header("Content-Type"), body, newEtag,
                        newLastModified);
            } catch (FetchException e) {
                throw e;
            } catch (IOException e) {
                throw new FetchException(reason(e, current), e);
            }
        }
    }

    /**
     * Reads at most {@link #maxBytes}. Going over cancels the call: closing an unfinished body would make OkHttp read
     * on for up to 100 ms to reuse the connection, which on a fast link is tens of megabytes nobody wants.
     */
    private byte[] readLimited(Call call, ResponseBody body) throws IOException {
        if (body == null) return new byte[0];
        long declared = body.contentLength();
        if (declared > maxBytes) throw tooLarge(call);
        try (InputStream in = body.byteStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 16 * 1024);
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > maxBytes) throw tooLarge(call);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** Cancels the call (so nothing more is downloaded) and says why. */
    private FetchException tooLarge(Call call) {
        call.cancel();
        return new FetchException("response is larger than " + formatMb(maxBytes) + " MB");
    }

    static String formatMb(long bytes) {
        double mb = bytes / 1_000_000.0;
        return mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb);
    }

    private static HttpUrl parse(String url) throws FetchException {
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new FetchException("only http and https URLs can be fetched: " + u);
        }
        HttpUrl parsed = HttpUrl.parse(u);
        if (parsed == null) throw new FetchException("not a valid URL: " + u);
        return parsed;
    }

    /** OkHttp connects to IP literals without asking the resolver, so those are checked here. */
    private void checkLiteralAddress(String host) throws FetchException {
        if (allowPrivateAddresses) return;
        if (host.contains(":") || host.matches("[0-9.]+")) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) refuseIfPrivate(host, a);
            } catch (RefusedAddressException e) {
                throw new FetchException(e.getMessage());
            } catch (UnknownHostException e) {
                throw new FetchException("unknown host " + host);
            }
        }
    }

    private List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> all = resolver.lookup(host);
        if (!allowPrivateAddresses) for (InetAddress a : all) refuseIfPrivate(host, a);
        return all;
    }

    /**
     * This machine's addresses, public ones included: a server bound to 0.0.0.0 (an admin panel, a database's HTTP
     * port) answers on them too, so they are as local as 127.0.0.1. Read on every check (a few hundred microseconds)
     * because addresses change as interfaces come and go.
     */
    static Collection<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new java.util.ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(ni.getInetAddresses()));
            }
        } catch (SocketException | RuntimeException e) {
            // cannot list them: the private-range checks still apply
        }
        return out;
    }

    /** True for addresses of this machine or its private networks. */
    public static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return true; // unique local fc00::/7
            // 6to4 2002::/16 and NAT64 64:ff9b::/96 (and the local-use 64:ff9b:1::/48) carry an IPv4 address that a
            // relay or gateway connects to, private ones included: never fetched
            if (b[0] == 0x20 && b[1] == 0x02) return true;
            boolean nat64Prefix = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
            if (nat64Prefix && (allZero(b, 4, 12) || (b[4] == 0 && b[5] == 1))) return true;
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses carry an IPv4 address: check that one
            boolean mapped = true;
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    return isPrivate(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            if (first == 0) return true;                                  // "this network" 0.0.0.0/8
            if (first == 100 && second >= 64 && second <= 127) return true; // carrier-grade NAT 100.64.0.0/10
            if (first >= 240) return true;                                // reserved and broadcast
        }
        return false;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private void refuseIfPrivate(String host, InetAddress a) throws RefusedAddressException {
        if (isPrivate(a) || ownAddresses.get().stream().anyMatch(own -> Arrays.equals(own.getAddress(), a.getAddress()))) {
            throw new RefusedAddressException("refused to fetch from " + host + ": it resolves to a private or local "
                    + "address (" + a.getHostAddress() + "); set sources.allow-private-addresses to allow it");
        }
    }

    /** An UnknownHostException so OkHttp passes it through its resolver plumbing unchanged. */
    private static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    private String reason(IOException e, HttpUrl url) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof RefusedAddressException) return t.getMessage();
            t = t.getCause();
        }
        if (e instanceof UnknownHostException) return "unknown host " + url.host();
        if (e instanceof SocketTimeoutException) return "timed out (no answer within " + seconds(readTimeout) + ")";
        // (the whole call's limit: a server trickling a few bytes every half second was given up after 90 s, and
        // the message said "no answer within 20 s")
        if (e instanceof InterruptedIOException) return "timed out (not complete within " + seconds(callTimeout) + ")";
        if (e instanceof ConnectException) return "cannot connect to " + url.host() + ":" + url.port();
        if (e instanceof NoRouteToHostException) return "no route to " + url.host();
        if (e instanceof SSLException) return "TLS error: " + e.getMessage();
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
