package dev.herald.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SafeHttpFetcherTest {

    private final FakeSite site;
    private final SafeHttpFetcher fetcher =
            new SafeHttpFetcher(Duration.ofSeconds(2), Duration.ofMillis(700), 1_000_000, true, Env::localOnly);

    SafeHttpFetcherTest() throws IOException {
        site = new FakeSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void should_send_user_agent_and_return_body_when_server_answers_200() throws Exception {
        // given
        site.serve("/page", "text/html; charset=utf-8", "<p>héllo</p>");
        // when
        FetchResult r = fetcher.fetch(site.url("/page"));
        // then
        assertEquals("<p>héllo</p>", r.text());
        assertFalse(r.notModified());
        assertEquals(SafeHttpFetcher.USER_AGENT, site.hitsTo("/page").get(0).header("User-Agent"));
        assertEquals("HeraldNewsBot/0.1 (+https://github.com/herald)", SafeHttpFetcher.USER_AGENT);
    }

    @Test
    void should_refuse_loopback_when_private_addresses_are_not_allowed() {
        // given a fetcher with the default protection and a server on 127.0.0.1
        site.serve("/page", "text/html", "<p>secret</p>");
        SafeHttpFetcher strict = new SafeHttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 1_000_000, false, Env::localOnly);
        // when / then: by IP literal and by name
        FetchException byIp = assertThrows(FetchException.class, () -> strict.fetch(site.url("/page")));
        assertTrue(byIp.getMessage().contains("private or local address"), byIp.getMessage());
        String byNameUrl = site.url("/page").replace("127.0.0.1", "localhost");
        FetchException byName = assertThrows(FetchException.class, () -> strict.fetch(byNameUrl));
        assertTrue(byName.getMessage().contains("private or local address"), byName.getMessage());
        assertTrue(site.hits.isEmpty(), "no request may reach the server");
    }

    @Test
    void should_refuse_redirect_to_loopback_when_private_addresses_are_not_allowed() {
        // given a public-looking start is not available offline, so check the address classifier directly
        // when / then
        for (String a : new String[]{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "224.0.0.1", "::1", "fd00::1", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "100.64.0.1",
                "64:ff9b::808:808", "2002:808:808::1"}) {
            assertTrue(SafeHttpFetcher.isPrivate(literal(a)), a);
        }
        for (String a : new String[]{"8.8.8.8", "93.184.216.34", "2001:4860:4860::8888"}) {
            assertFalse(SafeHttpFetcher.isPrivate(literal(a)), a);
        }
    }

    /** Sockets that never connect: if a check let a request through, it would fail here, not leave the machine. */
    static final class NoConnections extends javax.net.SocketFactory {
        final java.util.List<java.net.SocketAddress> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public java.net.Socket createSocket() {
            return new java.net.Socket() {
                @Override
                public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
                    attempts.add(endpoint);
                    throw new java.net.ConnectException("test: no connections allowed");
                }
            };
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            return createSocket();
        }

        @Override
        public java.net.Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return createSocket();
        }

        @Override
        public java.net.Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket();
        }

        @Override
        public java.net.Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            return createSocket();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::a00:1",
            "2002:7f00:1::1", "2002:c0a8:101::1", "198.51.100.7"})
    void should_refuse_nat64_6to4_and_the_machines_own_addresses_before_connecting(String address) throws Exception {
        // given: a name resolving to the address, 198.51.100.7 standing for one of this machine's own public
        // addresses, and sockets that record any attempt to connect instead of connecting
        InetAddress resolved = InetAddress.getByAddress("target.test", InetAddress.getByName(address).getAddress());
        InetAddress own = InetAddress.getByAddress(new byte[]{(byte) 198, 51, 100, 7});
        NoConnections sockets = new NoConnections();
        SafeHttpFetcher strict = new SafeHttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 1_000_000, false,
                host -> java.util.List.of(resolved), () -> java.util.List.of(own), sockets);
        String literalHost = address.contains(":") ? "[" + address + "]" : address;
        // when / then: by name and by literal address
        for (String url : new String[]{"http://target.test/page", "http://" + literalHost + "/page"}) {
            FetchException e = assertThrows(FetchException.class, () -> strict.fetch(url));
            assertTrue(e.getMessage().contains("private or local address"), url + ": " + e.getMessage());
        }
        assertTrue(sockets.attempts.isEmpty(), "refused before any connection: " + sockets.attempts);
    }

    @Test
    void should_count_every_interface_address_as_the_machines_own() {
        // when
        java.util.Collection<InetAddress> own = SafeHttpFetcher.interfaceAddresses();
        // then: at least loopback, which every machine has
        assertTrue(own.stream().anyMatch(InetAddress::isLoopbackAddress), own.toString());
    }

    @Test
    void should_refuse_other_schemes_when_url_is_not_http() {
        // when / then
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch("file:///etc/passwd"));
        assertTrue(e.getMessage().startsWith("only http and https"), e.getMessage());
    }

    @Test
    void should_fail_with_status_when_server_answers_500() {
        // given
        site.on("/broken", ex -> FakeSite.send(ex, 500, "text/plain", "oops"));
        // when
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(site.url("/broken")));
        // then
        assertEquals("HTTP 500", e.getMessage());
    }

    @Test
    void should_time_out_when_server_is_slower_than_read_timeout() {
        // given a server that waits 3 s before answering; read timeout 0.7 s
        site.on("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            FakeSite.send(ex, 200, "text/html", "<p>late</p>");
        });
        long start = System.nanoTime();
        // when
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(site.url("/slow")));
        // then
        assertTrue(e.getMessage().startsWith("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_500_000_000L, "gave up within the timeout");
    }

    @Test
    void should_say_the_answer_was_not_complete_in_time_when_a_server_trickles_it() {
        // given a server that sends a byte every 0.3 s (each read is in time; the whole call is not: 2 + 4 x 0.7 s)
        site.on("/trickle", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, 0);
                for (int i = 0; i < 40; i++) {
                    ex.getResponseBody().write('x');
                    ex.getResponseBody().flush();
                    Thread.sleep(300);
                }
            } catch (IOException ignored) {
                // the client gave up
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        // when
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(site.url("/trickle")));
        // then
        assertEquals("timed out (not complete within 4.8 s)", e.getMessage());
    }

    @Test
    void should_stop_downloading_when_body_exceeds_size_limit() throws Exception {
        // given a 50 MB body generated on the fly, streamed without Content-Length
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        AtomicReference<IOException> serverError = new AtomicReference<>();
        site.on("/huge", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 0); // chunked
            byte[] block = "<item>0123456789abcdef</item>\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = ex.getResponseBody()) {
                while (written.get() < 50_000_000L) {
                    out.write(block);
                    written.addAndGet(block.length);
                }
            } catch (IOException hungUp) {
                serverError.set(hungUp);
            } finally {
                serverDone.countDown();
            }
        });
        // when
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(site.url("/huge")));
        // then: refused at the 1 MB limit, and the client hung up instead of draining the rest
        assertEquals("response is larger than 1 MB", e.getMessage());
        assertTrue(serverDone.await(10, TimeUnit.SECONDS), "server finished or was cut off");
        assertTrue(serverError.get() != null, "the server's writes failed because the client closed the connection");
        // what the server managed to write beyond 1 MB sat in socket buffers, never read by Herald
        assertTrue(written.get() < 10_000_000L, "server wrote " + written.get() + " bytes");
    }

    @Test
    void should_refuse_at_once_when_declared_length_exceeds_limit() {
        // given
        site.on("/declared", ex -> {
            ex.sendResponseHeaders(200, 5_000_000);
            // send nothing: the client must not wait for the body
        });
        // when
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(site.url("/declared")));
        // then
        assertEquals("response is larger than 1 MB", e.getMessage());
    }

    @Test
    void should_follow_redirects_when_at_most_five() throws Exception {
        // given /r0 -> /r1 -> ... -> /r5 -> /final
        for (int i = 0; i < 5; i++) {
            String next = "/r" + (i + 1);
            site.on("/r" + i, ex -> {
                ex.getResponseHeaders().set("Location", next);
                ex.sendResponseHeaders(302, -1);
            });
        }
        site.on("/r5", ex -> {
            ex.getResponseHeaders().set("Location", "/final");
            ex.sendResponseHeaders(301, -1);
        });
        site.serve("/final", "text/html", "<p>there</p>");
        // when: starting at /r1 is five hops
        FetchResult ok = fetcher.fetch(site.url("/r1"));
        // then
        assertEquals(site.url("/final"), ok.url());
        // and six hops are refused
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(site.url("/r0")));
        assertTrue(e.getMessage().startsWith("too many redirects"), e.getMessage());
    }

    @Test
    void should_send_validators_and_report_not_modified_when_server_answers_304() throws Exception {
        // given
        site.on("/feed", ex -> {
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            ex.getResponseHeaders().set("Last-Modified", "Mon, 27 Jan 2025 10:00:00 GMT");
            if ("\"v1\"".equals(inm)) FakeSite.send(ex, 304, null, "");
            else FakeSite.send(ex, 200, "application/rss+xml", "<rss/>");
        });
        // when
        FetchResult first = fetcher.fetch(site.url("/feed"));
        FetchResult second = fetcher.fetch(site.url("/feed"), first.etag(), first.lastModified());
        // then
        assertFalse(first.notModified());
        assertEquals("\"v1\"", first.etag());
        assertTrue(second.notModified());
        assertArrayEquals(new byte[0], second.body());
        assertEquals("\"v1\"", site.hitsTo("/feed").get(1).header("If-None-Match"));
        assertEquals("Mon, 27 Jan 2025 10:00:00 GMT", site.hitsTo("/feed").get(1).header("If-Modified-Since"));
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void should_fetch_every_page_when_the_server_closes_each_connection_after_answering() throws Exception {
        // given a server that answers in HTTP/1.0 and closes the connection, as `python3 -m http.server` does: the
        // client's pooled connection is then dead when the next request goes out
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        String line;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            // the request's headers: read and ignored
                        }
                        byte[] body = "<html><body><p>Served and closed.</p></body></html>".getBytes(StandardCharsets.UTF_8);
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.flush();
                    } catch (IOException e) {
                        // closed by the test
                    }
                }
            }, "closing-server");
            serving.setDaemon(true);
            serving.start();
            String base = "http://127.0.0.1:" + server.getLocalPort();

            // when two pages are fetched one after the other (a feed, then its first item's page)
            FetchResult feed = fetcher.fetch(base + "/feed");
            FetchResult page = fetcher.fetch(base + "/item");

            // then both arrive: the second is not lost to the dead pooled connection
            assertTrue(feed.text().contains("Served and closed."));
            assertTrue(page.text().contains("Served and closed."));
        }
    }
}
