"""Read a child process's output with a time bound: a stalled child fails the test, never hangs it."""

import queue
import threading


class Lines:
    """The lines a child writes to ``stream``, collected by a daemon thread."""

    def __init__(self, stream, name="child"):
        self.name = name
        self._lines = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)

    def next(self, timeout):
        """The next line; AssertionError if none comes within ``timeout`` s or the output ends."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"{self.name}: no output line within {timeout} s") from None
        if line is None:
            raise AssertionError(f"{self.name}: output ended before the expected line")
        return line
