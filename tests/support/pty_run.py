"""Runs a command on a pseudo-terminal and answers its questions, for tests of prompts.

    pty_run.py ANSWER... -- COMMAND [ARG...]

Each time the command's output (stdout and stderr share the terminal) ends with ": " or "] "
after a new question, the next ANSWER is typed, followed by Enter. When the answers run out,
end of input (Ctrl-D) is sent. Everything the terminal showed is printed; the exit code is the
command's.
"""
import os
import pty
import sys


def main(argv):
    split = argv.index("--")
    answers, command = argv[:split], argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    shown = b""
    answered_at = 0
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        tail = shown[answered_at:].rstrip(b"\r\n")
        if shown[answered_at:].endswith((b": ", b"] ")) and tail:
            answered_at = len(shown)
            if answers:
                os.write(fd, answers.pop(0).encode() + b"\r")
            else:
                os.write(fd, b"\x04")
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode("utf-8", "replace"))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
