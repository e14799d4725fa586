"""The Python reference for bench/run's command rate: a plain parse-and-dispatch loop.

Reads a script of `setopt OPTION on|off` / `getopt OPTION` lines (and one `socket tcp`), splits each
line, looks the option up in a dict, calls setsockopt/getsockopt and writes one strace-style line per
call with sys.stdout.write -- what a programmer would write first, run with Debian's /usr/bin/python3.
"""
import socket
import sys

OPTIONS = {
    "SO_KEEPALIVE": (socket.SOL_SOCKET, socket.SO_KEEPALIVE, "SOL_SOCKET"),
    "SO_RCVBUF": (socket.SOL_SOCKET, socket.SO_RCVBUF, "SOL_SOCKET"),
    "SO_SNDBUF": (socket.SOL_SOCKET, socket.SO_SNDBUF, "SOL_SOCKET"),
    "SO_REUSEADDR": (socket.SOL_SOCKET, socket.SO_REUSEADDR, "SOL_SOCKET"),
    "TCP_NODELAY": (socket.IPPROTO_TCP, socket.TCP_NODELAY, "IPPROTO_TCP"),
}
SWITCH = {"on": 1, "off": 0, "1": 1, "0": 0}


def main():
    # Made before the script is opened so that it gets fd 3, as a session's first socket does in sockshell.
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    fd = s.fileno()
    write = sys.stdout.write
    with open(sys.argv[1]) as script:
        for line in script:
            words = line.split()
            if not words:
                continue
            command = words[0]
            if command == "setopt":
                level, name, level_name = OPTIONS[words[1]]
                value = SWITCH[words[2]]
                s.setsockopt(level, name, value)
                write("setsockopt(%d, %s, %s, [%d], 4) = 0\n" % (fd, level_name, words[1], value))
            elif command == "getopt":
                level, name, level_name = OPTIONS[words[1]]
                value = s.getsockopt(level, name)
                write("getsockopt(%d, %s, %s, [%d], [4]) = 0\n" % (fd, level_name, words[1], value))
            elif command == "socket":
                write("s1 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = %d\n" % fd)


main()
