"""Starts a playbook inside a fresh network namespace whose only way out is Rampart's egress proxy.

Run by Rampart as root under `unshare --net`: brings up the namespace's own loopback, listens on
127.0.0.1:PORT there and relays each connection to the proxy's Unix socket (a 0700 directory of
root's, which the playbook's user cannot open), then runs the playbook as the sandbox user with
its environment pointing HTTP(S)_PROXY at that port. There is no other interface in the
namespace, so a connection that does not go through the proxy has nowhere to go.

usage: netns_launcher.py --socket PATH --port N [--uid U --gid G] -- PYTHON PLAYBOOK ARGS...
       netns_launcher.py --probe      (checks that loopback can be brought up; exit 0 when it can)
"""
import fcntl
import os
import signal
import socket
import struct
import subprocess
import sys
import threading

SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1
CHUNK = 65536


def loopback_up():
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        request = struct.pack("16sH14s", b"lo", 0, b"")
        flags = struct.unpack("16sH14s", fcntl.ioctl(probe, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(probe, SIOCSIFFLAGS, struct.pack("16sH14s", b"lo", flags | IFF_UP, b""))
    finally:
        probe.close()


def pump(source, target):
    try:
        while True:
            data = source.recv(CHUNK)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def relay(client, socket_path):
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        upstream.connect(socket_path)
    except OSError:
        client.close()
        upstream.close()
        return
    back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    back.start()
    pump(client, upstream)
    back.join()
    client.close()
    upstream.close()


def serve(listener, socket_path):
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=relay, args=(client, socket_path), daemon=True).start()


def parse(argv):
    options = {"uid": None, "gid": None}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return options, argv[i + 1:]
        if arg in ("--socket", "--port", "--uid", "--gid"):
            options[arg[2:]] = argv[i + 1]
            i += 2
        else:
            raise SystemExit("netns_launcher: unknown argument %s" % arg)
    raise SystemExit("netns_launcher: no command after --")


def main(argv):
    if argv == ["--probe"]:
        loopback_up()
        return 0
    options, command = parse(argv)
    try:
        loopback_up()
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", int(options["port"])))
        listener.listen(64)
    except OSError as exc:
        sys.stderr.write("rampart sandbox: could not set up the playbook's network: %s\n" % exc)
        return 125
    drop = {}
    if options["uid"] is not None:
        drop = {"user": int(options["uid"]), "group": int(options["gid"]), "extra_groups": []}
    # Started before the relay thread, so the fork happens in a single-threaded process; the
    # playbook's first connections wait in the listen backlog meanwhile.
    child = subprocess.Popen(command, close_fds=True, **drop)
    threading.Thread(target=serve, args=(listener, options["socket"]), daemon=True).start()
    code = child.wait()
    sys.stdout.flush()
    sys.stderr.flush()
    if code < 0:
        # Killed by a signal: die the same way, so Rampart sees the signal.
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    os._exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
