"""Shared machinery for the newszone integration tests.

The tests drive the real binary ($NEWSZONE_BIN): `NzServer` runs `newszone serve` on a
fresh temp data folder and an ephemeral loopback port, `run_cli` runs any other subcommand,
and `parse_html` turns a page into a small element tree to query. Standard library only.

Every wait here is bounded; every server and temp folder is cleaned up, also when a test
fails half way.
"""

import html
import http.client
import json
import os
import re
import select
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
from html.parser import HTMLParser

START_TIMEOUT = 20.0  # seconds to wait for "listening on ..."
STOP_TIMEOUT = 10.0  # seconds a SIGTERM'd server has to exit
CLI_TIMEOUT = 60.0

LISTENING_RE = re.compile(r"listening on http://(\[[^\]]+\]|[^:/]+):(\d+)/")

# An article URL: /{section}/{id}-{slug}
ARTICLE_PATH_RE = re.compile(r"^/[a-z0-9][a-z0-9-]*/\d+-[^/?#]*$")


def binary():
    path = os.environ.get("NEWSZONE_BIN")
    if not path:
        raise unittest.SkipTest("NEWSZONE_BIN is not set")
    if not os.access(path, os.X_OK):
        raise AssertionError(f"NEWSZONE_BIN={path} is not an executable file")
    return path


def source_dir():
    return os.environ.get(
        "NEWSZONE_SOURCE_DIR",
        os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))


def testdata(*parts):
    return os.path.join(source_dir(), "tests", "testdata", *parts)


def base_env(extra=None):
    """The environment for a newszone process: ours minus NEWSZONE_* settings, plus extra."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("NEWSZONE_") or k in ("NEWSZONE_BIN", "NEWSZONE_SOURCE_DIR")}
    theme = os.path.join(source_dir(), "themes", "default")
    if os.path.isdir(theme):
        env["NEWSZONE_THEME_DIR"] = theme
    env["NEWSZONE_ACCESS_LOG"] = "false"
    if extra:
        for k, v in extra.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
    return env


def run_cli(args, data_dir=None, input=None, env=None, timeout=CLI_TIMEOUT):
    """Runs `newszone [--data DIR] ARGS...`; returns (exit code, stdout, stderr) as text."""
    cmd = [binary()]
    if data_dir is not None:
        cmd += ["--data", data_dir]
    cmd += list(args)
    proc = subprocess.run(cmd, input=input, capture_output=True, text=True,
                          env=base_env(env), timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def article_json_line(section, guid, headline, published, paragraphs=None, **extra):
    item = {"section": section, "guid": guid, "headline": headline, "published": published,
            "paragraphs": paragraphs if paragraphs is not None else [f"Body of {headline}."]}
    item.update(extra)
    return json.dumps(item, ensure_ascii=False)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # http.client.HTTPMessage: case-insensitive
        self.body = body  # bytes

    @property
    def text(self):
        return self.body.decode("utf-8")

    def header(self, name):
        return self.headers.get(name)

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Response {self.status} {len(self.body)} bytes>"


class NzServer:
    """`newszone serve` on 127.0.0.1:0 with a temp data folder.

    Use as a context manager or call start()/stop(). stop() sends SIGTERM and asserts a clean
    exit (code 0 within STOP_TIMEOUT); kill() sends SIGKILL.
    """

    def __init__(self, data_dir=None, demo=False, threads=None, env=None,
                 listen="127.0.0.1:0", extra_args=()):
        self._tmp = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="nz-it-")
            data_dir = os.path.join(self._tmp.name, "data")
        self.data_dir = data_dir
        self.demo = demo
        self.threads = threads
        self.env = env or {}
        self.listen = listen
        self.extra_args = list(extra_args)
        self.proc = None
        self.port = None
        self.host = "127.0.0.1"
        self._stderr_lines = []
        self._stderr_lock = threading.Lock()
        self._listening = threading.Event()
        self._reader = None

    # --- lifecycle -------------------------------------------------------------------------

    def command(self):
        cmd = [binary(), "serve", "--data", self.data_dir]
        if self.listen is not None:
            cmd += ["--listen", self.listen]
        if self.threads is not None:
            cmd += ["--threads", str(self.threads)]
        if self.demo:
            cmd.append("--demo")
        return cmd + self.extra_args

    def spawn(self):
        """Starts the process without waiting for it to listen."""
        self._listening.clear()
        self._stderr_lines = []
        self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env=base_env(self.env))
        self._reader = threading.Thread(target=self._read_stderr, args=(self.proc,), daemon=True)
        self._reader.start()

    def start(self, timeout=START_TIMEOUT, probe=True):
        """Starts the server and waits for its "listening on" line.

        With probe (the default) it also waits until a request is answered: the server logs
        the line before its event loop (and its SIGTERM handler) runs, and tests that stop it
        at once should not race that. ShutdownTest covers the race itself.
        """
        self.spawn()
        deadline = time.monotonic() + timeout
        self._wait_listening(deadline, timeout)
        if probe:
            self._wait_answering(deadline, timeout)
        return self

    def _wait_answering(self, deadline, timeout):
        while True:
            try:
                with socket.create_connection((self.host, self.port), timeout=2) as s:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
                              b"Connection: close\r\n\r\n")
                    if read_until_close(s, 2).startswith(b"HTTP/1.1 "):
                        return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(
                    f"newszone serve did not answer a request within {timeout} s; "
                    f"stderr:\n{self.stderr}")
            time.sleep(0.02)

    def _wait_listening(self, deadline, timeout):
        while not self._listening.wait(0.05):
            if self.proc.poll() is not None:
                self._reader.join(2)
                raise AssertionError(
                    f"newszone serve exited with {self.proc.returncode} before listening; "
                    f"stderr:\n{self.stderr}")
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(
                    f"newszone serve did not report listening within {timeout} s; "
                    f"stderr:\n{self.stderr}")

    def _read_stderr(self, proc):
        for raw in iter(proc.stderr.readline, b""):
            line = raw.decode("utf-8", "replace")
            with self._stderr_lock:
                self._stderr_lines.append(line)
            if not self._listening.is_set():
                m = LISTENING_RE.search(line)
                if m:
                    self.host = m.group(1).strip("[]")
                    self.port = int(m.group(2))
                    self._listening.set()
        proc.stderr.close()

    @property
    def stderr(self):
        with self._stderr_lock:
            return "".join(self._stderr_lines)

    def wait_exit(self, timeout):
        """Waits for the process to exit; returns its code (AssertionError on timeout)."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            raise AssertionError(
                f"newszone serve did not exit within {timeout} s; stderr:\n{self.stderr}")
        if self._reader:
            self._reader.join(5)
        return code

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM; asserts exit code 0 within `timeout`."""
        if self.proc is None or self.proc.poll() is not None:
            code = None if self.proc is None else self.proc.returncode
            if code not in (None, 0):
                raise AssertionError(f"server had already exited with {code}:\n{self.stderr}")
            return
        self.proc.send_signal(signal.SIGTERM)
        code = self.wait_exit(timeout)
        if code != 0:
            raise AssertionError(
                f"newszone serve exited with {code} after SIGTERM; stderr:\n{self.stderr}")

    def kill(self):
        """SIGKILL, then reap."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        if self._reader:
            self._reader.join(5)

    def cleanup(self):
        self.kill()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.stop()
        finally:
            self.cleanup()

    # --- HTTP ------------------------------------------------------------------------------

    def connection(self, timeout=10):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, headers=None, body=None, timeout=10):
        conn = self.connection(timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            data = resp.read()
            return Response(resp.status, resp.headers, data)
        finally:
            conn.close()

    def get(self, path, headers=None, timeout=10):
        return self.request("GET", path, headers=headers, timeout=timeout)

    def head(self, path, timeout=10):
        return self.request("HEAD", path, timeout=timeout)

    def page(self, path, expect_status=200):
        """GETs an HTML page, asserts its status, returns (Response, parsed document)."""
        resp = self.get(path)
        if resp.status != expect_status:
            raise AssertionError(
                f"GET {path}: expected {expect_status}, got {resp.status}\n{resp.body[:2000]!r}")
        return resp, parse_html(resp.text)

    def socket(self, timeout=10):
        """A raw TCP connection to the server."""
        return socket.create_connection((self.host, self.port), timeout=timeout)

    def raw(self, data, timeout=10, shut_write=False):
        """Sends raw bytes, returns everything read until the server closes (or timeout)."""
        with self.socket(timeout) as s:
            s.sendall(data)
            if shut_write:
                s.shutdown(socket.SHUT_WR)
            return read_until_close(s, timeout)


def read_until_close(sock, timeout):
    """Reads until EOF or `timeout` seconds pass; a reset after some data counts as EOF."""
    deadline = time.monotonic() + timeout
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def wait_closed(sock, timeout):
    """Returns seconds until the peer closed `sock` (EOF or reset), or None on timeout.

    Whatever the peer sends first (an error response) is read and dropped.
    """
    start = time.monotonic()
    deadline = start + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        readable, _, _ = select.select([sock], [], [], left)
        if not readable:
            continue
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - start
        if not chunk:
            return time.monotonic() - start


def read_responses(sock, count, timeout=5):
    """Reads `count` responses framed by Content-Length from one connection.

    Returns a list of (status, {lowercase header: value}, body).
    """
    deadline = time.monotonic() + timeout
    buf = b""
    out = []

    def fill():
        nonlocal buf
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"timed out after {len(out)} of {count} responses")
        sock.settimeout(left)
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed after {len(out)} of {count} responses")
        buf += chunk

    while len(out) < count:
        while b"\r\n\r\n" not in buf:
            fill()
        head, _, rest = buf.partition(b"\r\n\r\n")
        status, headers, _ = split_raw_response(head + b"\r\n\r\n")
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            buf = head + b"\r\n\r\n" + rest
            fill()
            head, _, rest = buf.partition(b"\r\n\r\n")
        out.append((status, headers, rest[:length]))
        buf = rest[length:]
    return out


def status_of(raw_response):
    """The status code of a raw HTTP/1.x response, or None."""
    m = re.match(rb"HTTP/1\.[01] (\d{3}) ", raw_response)
    return int(m.group(1)) if m else None


def split_raw_response(raw_response):
    """(status, {lowercase header: value}, body bytes) of one raw response."""
    head, sep, body = raw_response.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError(f"no end of headers in {raw_response[:500]!r}")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status_of(raw_response), headers, body


def free_port_holder():
    """A listening socket on 127.0.0.1 with an ephemeral port; the caller closes it."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    return s


# --- HTML --------------------------------------------------------------------------------

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = {k: (v if v is not None else "") for k, v in attrs}
        self.parent = parent
        self.children = []  # Element or str

    @property
    def classes(self):
        return self.attrs.get("class", "").split()

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def iter(self):
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        out = []
        for el in self.iter():
            if tag is not None and el.tag != tag:
                continue
            if cls is not None and cls not in el.classes:
                continue
            if any(el.attrs.get(k.rstrip("_")) != v for k, v in attrs.items()):
                continue
            out.append(el)
        return out

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def text_nodes(self):
        """Visible text nodes below this element, in document order (script/style skipped)."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag not in ("script", "style", "head"):
                out.extend(child.text_nodes())
        return out

    @property
    def text(self):
        return "".join(self.text_nodes())

    def ancestors(self):
        el = self.parent
        while el is not None:
            yield el
            el = el.parent

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.current = self.root
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        el = Element(tag, attrs, self.current)
        self.current.children.append(el)
        if tag not in VOID_ELEMENTS:
            self.current = el

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        el = self.current
        while el is not None and el.tag != tag:
            el = el.parent
        if el is not None and el.parent is not None:
            self.current = el.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text):
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    builder.root.doctype = builder.doctype
    return builder.root


def article_links(element):
    """Hrefs of article links below `element`, in document order."""
    return [a.get("href") for a in element.find_all("a")
            if ARTICLE_PATH_RE.match(a.get("href", ""))]


def datetimes_of(element):
    return [t.get("datetime") for t in element.find_all("time")]


def assert_in_order(testcase, haystack, needles):
    """Asserts that each needle occurs in haystack after the previous one."""
    pos = 0
    for needle in needles:
        found = haystack.find(needle, pos)
        if found < 0:
            earlier = haystack.find(needle)
            where = ("it occurs earlier, out of order" if earlier >= 0 else "it does not occur")
            testcase.fail(f"{needle[:80]!r} not found after offset {pos}: {where}")
        pos = found + len(needle)


def unescape(text):
    return html.unescape(text)


class DemoSiteTestCase(unittest.TestCase):
    """A fresh data folder holding the demo site for each test (self.data), and self.cli()
    to run `newszone` on it, failing the test when the command fails."""

    prefix = "nz-demo-"

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix=self.prefix)
        self.data = os.path.join(self.tmp.name, "data")
        with NzServer(data_dir=self.data, demo=True):
            pass

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args, input=None):
        code, out, err = run_cli(list(args), data_dir=self.data, input=input)
        self.assertEqual(code, 0, f"newszone {' '.join(args)}: {err}")
        return out


def wait_until(predicate, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(interval)

