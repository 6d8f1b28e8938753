"""Keeps the facilitator's screen told where the browser windows are and what their join code is.

The words go to the session's owner over its socket, as a notice; the owner shows them on the
facilitator's screen. If the owner goes and another window takes over, they are said again there.
`say()` changes the words (a new join code) and tells the owner at once.
"""

import socket
import threading
from pathlib import Path

from workshop_tui.store.session_wire import VERSION, LineReader, connect_to, encode, read_key, socket_path

RETRY = 2.0  # seconds between tries to reach an owner


class TellOwner:
    def __init__(self, session_path: Path, notice: str):
        self.session_path = Path(session_path)
        self.notice = notice
        self.told = threading.Event()  # set once an owner has heard it (for tests)
        self._stop = threading.Event()
        self._connection: socket.socket | None = None
        self._sending = threading.Lock()  # the words may change on the server's thread while this one connects
        self._thread = threading.Thread(target=self._run, name="tell-owner", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def say(self, notice: str) -> None:
        """New words for the facilitator's screen: sent now if an owner is there, else when one is."""
        with self._sending:
            self.notice = notice
            connection = self._connection
            if connection is not None:
                try:
                    connection.sendall(encode({"notice": notice}))
                except OSError:
                    pass  # the owner has gone; the next one hears the new words on connecting

    def stop(self) -> None:
        """Stop, and take the words off the facilitator's screen: the browsers' server has gone."""
        self._stop.set()
        connection = self._connection
        if connection is not None:
            try:
                connection.sendall(encode({"notice": ""}))
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                connection = connect_to(socket_path(self.session_path))
            except OSError:
                self._stop.wait(RETRY)
                continue
            try:
                # The facilitator's key, read from beside the session: only serve, on the facilitator's
                # computer, may put words on the facilitator's screen.
                hello = {
                    "session": self.session_path.name,
                    "role": "audience",
                    "name": "web server",
                    "window": "serve",
                    "version": VERSION,
                    "key": read_key(self.session_path),
                }
                with self._sending:
                    connection.sendall(encode({"hello": hello}) + encode({"notice": self.notice}))
                    self._connection = connection
                self.told.set()
                reader = LineReader(connection)
                while not self._stop.is_set() and reader.read() is not None:
                    pass  # what the owner says is not needed here; reading only notices when it goes
            except OSError:
                pass
            finally:
                self._connection = None
                connection.close()
            self._stop.wait(RETRY)
