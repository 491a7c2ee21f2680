"""HTTP behaviour of `newszone serve` on the wire: framing, limits, timeouts, shutdown."""

import http.client
import signal
import socket
import time
import unittest

from nzserver import NzServer, read_responses, read_until_close, split_raw_response, status_of, wait_closed

GET_HOME = b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"


def read_one_response(sock, timeout=5):
    """Reads one response from a socket that will carry no other; returns (resp, body)."""
    sock.settimeout(timeout)
    resp = http.client.HTTPResponse(sock)
    resp.begin()
    body = resp.read()
    return resp, body


class HttpTest(unittest.TestCase):
    """One demo server shared by the tests that do not change how it runs."""

    @classmethod
    def setUpClass(cls):
        cls.server = NzServer(demo=True)
        cls.server.start()
        cls.addClassCleanup(cls.server.cleanup)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_two_requests_share_one_keep_alive_connection(self):
        conn = self.server.connection(timeout=5)
        try:
            conn.request("GET", "/")
            first = conn.getresponse()
            first.read()
            self.assertEqual(first.status, 200)
            self.assertNotEqual((first.getheader("Connection") or "").lower(), "close")
            sock = conn.sock
            self.assertIsNotNone(sock, "the server closed a keep-alive connection")
            conn.request("GET", "/healthz")
            second = conn.getresponse()
            second.read()
            self.assertEqual(second.status, 200)
            self.assertIs(conn.sock, sock, "the client had to reconnect")
        finally:
            conn.close()

    def test_pipelined_requests_are_answered_in_order(self):
        with self.server.socket(timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                      b"GET /no-such-page/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
            (first, _, first_body), (second, _, _) = read_responses(s, 2)
        self.assertEqual(first, 200)
        self.assertIn(b'"status":"ok"', first_body)
        self.assertEqual(second, 404)

    def test_http_1_0_request_is_answered_and_closed(self):
        raw = self.server.raw(b"GET /healthz HTTP/1.0\r\n\r\n", timeout=5)
        self.assertEqual(status_of(raw), 200)

    def test_absolute_form_target_is_served(self):
        raw = self.server.raw(b"GET http://localhost/healthz HTTP/1.1\r\nHost: localhost\r\n"
                              b"Connection: close\r\n\r\n", timeout=5)
        self.assertEqual(status_of(raw), 200, raw[:200])

    def test_connection_close_is_honoured(self):
        with self.server.socket(timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            raw = read_until_close(s, timeout=5)
            status, headers, body = split_raw_response(raw)
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("connection", "").lower(), "close")
        self.assertEqual(len(body), int(headers["content-length"]))

    def test_malformed_request_line_is_400(self):
        for line in (b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.x\r\n\r\n",
                     b"G\x00T / HTTP/1.1\r\nHost: x\r\n\r\n"):
            with self.subTest(line=line):
                raw = self.server.raw(line, timeout=5)
                self.assertEqual(status_of(raw), 400, raw[:200])

    def test_request_without_host_is_400(self):
        raw = self.server.raw(b"GET / HTTP/1.1\r\n\r\n", timeout=5)
        self.assertEqual(status_of(raw), 400, raw[:200])

    def test_header_section_over_16_kib_is_431(self):
        big = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * (17 * 1024) + b"\r\n\r\n"
        raw = self.server.raw(big, timeout=5)
        self.assertEqual(status_of(raw), 431, raw[:200])

    def test_many_headers_together_over_16_kib_is_431(self):
        headers = b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 100) for i in range(200))
        raw = self.server.raw(b"GET / HTTP/1.1\r\nHost: localhost\r\n" + headers + b"\r\n",
                              timeout=5)
        self.assertEqual(status_of(raw), 431, raw[:200])

    def test_header_section_under_the_limit_is_served(self):
        raw = self.server.raw(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                              b"X-Big: " + b"a" * 8000 + b"\r\n\r\n", timeout=5)
        self.assertEqual(status_of(raw), 200, raw[:200])

    def test_body_over_the_limit_is_413(self):
        size = 2 * 1024 * 1024
        with self.server.socket(timeout=5) as s:
            s.sendall(b"POST /anything HTTP/1.1\r\nHost: localhost\r\n"
                      b"Content-Type: application/octet-stream\r\n"
                      b"Content-Length: %d\r\n\r\n" % size)
            try:
                s.sendall(b"x" * 65536)  # the start of the body; the server may stop reading
            except (BrokenPipeError, ConnectionResetError):
                pass
            raw = read_until_close(s, timeout=5)
        self.assertEqual(status_of(raw), 413, raw[:200])

    def test_chunked_body_over_the_limit_is_413(self):
        with self.server.socket(timeout=5) as s:
            s.sendall(b"POST /anything HTTP/1.1\r\nHost: localhost\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"%x\r\n%s\r\n" % (256 * 1024, b"y" * 256 * 1024)
            try:
                for _ in range(8):  # 2 MiB in all
                    s.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                pass
            raw = read_until_close(s, timeout=5)
        self.assertEqual(status_of(raw), 413, raw[:200])

    def test_post_to_a_page_is_not_served_as_get(self):
        resp = self.server.request("POST", "/", body=b"a=1",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertIn(resp.status, (404, 405))

    def test_server_is_usable_after_error_responses(self):
        self.server.raw(b"GARBAGE\r\n\r\n", timeout=5)
        self.server.raw(b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 20000 + b"\r\n\r\n",
                        timeout=5)
        self.assertEqual(self.server.get("/").status, 200)


class SilentClientsTest(unittest.TestCase):
    def test_silent_clients_do_not_block_others_on_one_thread(self):
        with NzServer(demo=True, threads=1) as server:
            silent = [server.socket(timeout=5) for _ in range(3)]
            try:
                start = time.monotonic()
                resp = server.get("/", timeout=2)
                elapsed = time.monotonic() - start
                self.assertEqual(resp.status, 200)
                self.assertLess(elapsed, 2.0)
            finally:
                for s in silent:
                    s.close()

    def test_a_client_stuck_mid_request_does_not_block_others_on_one_thread(self):
        with NzServer(demo=True, threads=1) as server:
            with server.socket(timeout=5) as slow:
                slow.sendall(b"GET / HTTP/1.1\r\nHost: loc")
                start = time.monotonic()
                resp = server.get("/healthz", timeout=2)
                self.assertEqual(resp.status, 200)
                self.assertLess(time.monotonic() - start, 2.0)


class TimeoutTest(unittest.TestCase):
    """A server with a 1 s read timeout and a 1 s idle timeout."""

    @classmethod
    def setUpClass(cls):
        cls.server = NzServer(demo=True, env={"NEWSZONE_READ_TIMEOUT": "1",
                                              "NEWSZONE_IDLE_TIMEOUT": "1"})
        cls.server.start()
        cls.addClassCleanup(cls.server.cleanup)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_partial_request_is_closed_after_the_read_timeout(self):
        with self.server.socket(timeout=10) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")  # no blank line: unfinished
            closed_after = wait_closed(s, timeout=5)
        self.assertIsNotNone(closed_after, "the connection was still open after 5 s")
        self.assertGreater(closed_after, 0.5)
        self.assertLess(closed_after, 4.0)

    def test_trickling_request_is_closed_after_the_read_timeout(self):
        # One byte every 200 ms: each read succeeds, but the whole request never comes.
        with self.server.socket(timeout=10) as s:
            s.sendall(b"GET / HTTP/1.1\r\n")
            start = time.monotonic()
            closed = False
            while time.monotonic() - start < 5:
                if wait_closed(s, timeout=0.2) is not None:
                    closed = True
                    break
                try:
                    s.sendall(b"X")
                except (BrokenPipeError, ConnectionResetError):
                    closed = True
                    break
            elapsed = time.monotonic() - start
        self.assertTrue(closed, "a trickling client kept its connection for 5 s")
        self.assertLess(elapsed, 4.0)

    def test_idle_keep_alive_connection_is_closed_after_the_idle_timeout(self):
        with self.server.socket(timeout=10) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            resp, _ = read_one_response(s)
            self.assertEqual(resp.status, 200)
            closed_after = wait_closed(s, timeout=5)
        self.assertIsNotNone(closed_after, "the idle connection was still open after 5 s")
        self.assertLess(closed_after, 4.0)

    def test_whole_request_within_the_timeout_is_served(self):
        with self.server.socket(timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\n")
            time.sleep(0.3)
            s.sendall(b"Host: localhost\r\nConnection: close\r\n\r\n")
            raw = read_until_close(s, timeout=5)
        self.assertEqual(status_of(raw), 200)


class ShutdownTest(unittest.TestCase):
    def test_sigterm_exits_with_code_0(self):
        server = NzServer(demo=True)
        try:
            server.start()
            self.assertEqual(server.get("/").status, 200)
            start = time.monotonic()
            server.stop()  # asserts exit code 0 within 10 s
            self.assertLess(time.monotonic() - start, 5.0)
        finally:
            server.cleanup()

    def test_sigterm_with_open_idle_connections_exits_promptly(self):
        server = NzServer(demo=True)
        try:
            server.start()
            idle = server.socket(timeout=5)
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            read_one_response(idle)  # now an idle keep-alive connection
            silent = server.socket(timeout=5)  # never sends anything
            try:
                start = time.monotonic()
                server.stop()
                self.assertLess(time.monotonic() - start, 5.0)
                self.assertIsNotNone(wait_closed(idle, timeout=2))
            finally:
                idle.close()
                silent.close()
        finally:
            server.cleanup()

    def test_sigterm_right_after_the_listening_line_exits_with_code_0(self):
        # Scripts (and these tests) take "listening on" to mean "up"; a SIGTERM sent then must
        # still be a graceful stop, not the default action of the signal.
        for attempt in range(25):
            server = NzServer()
            try:
                server.start(probe=False)
                server.proc.send_signal(signal.SIGTERM)
                code = server.wait_exit(10)
                self.assertEqual(code, 0, f"attempt {attempt}: exit {code}; stderr:\n"
                                          f"{server.stderr}")
            finally:
                server.cleanup()

    def test_sigterm_stops_accepting_connections(self):
        server = NzServer(demo=True)
        try:
            server.start()
            port = server.port
            server.stop()
            with self.assertRaises(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
