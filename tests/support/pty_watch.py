#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal (standard input, output and error all on it) and copies
everything it wrote to our standard output, byte for byte; exits with the command's code.
Tests use it to see what a tool does when a person watches it on a terminal.

usage: pty_watch.py PROGRAM [ARGS...]
"""
import os
import pty
import sys


def main():
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.argv[1], sys.argv[1:])
    out = bytearray()
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        out += data
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(bytes(out))
    sys.stdout.flush()
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
