"""A stand-in for a browser's window in tests, in place of `workshop-tui join`: it says it is ready as
a Textual app does, writes down the size it starts with and every message it is sent, and ends on quit."""

import json
import os
import sys
from typing import Any


def main(record_path: str) -> None:
    with open(record_path, "a") as record:

        def note(thing: dict[str, Any]) -> None:
            record.write(json.dumps(thing) + "\n")
            record.flush()

        note({"type": "start", "width": int(os.environ["COLUMNS"]), "height": int(os.environ["ROWS"])})
        sys.stdout.write("__GANGLION__\n")
        sys.stdout.flush()
        stdin = sys.stdin.buffer
        while len(head := stdin.read(5)) == 5:
            payload = stdin.read(int.from_bytes(head[1:], "big"))
            if head[:1] == b"M":
                meta = json.loads(payload)
                note(meta)
                if meta.get("type") == "quit":
                    return


if __name__ == "__main__":
    main(sys.argv[1])
