"""How the framework apps of this folder listen: on a port of 127.0.0.1 the system picks when they
bind it, then one line with that port, which `test.helpers.listening_port` reads."""
import socket


def say_listening(port: int) -> None:
    print('Listening on http://127.0.0.1:%d/' % port, flush=True)


def listening_socket() -> socket.socket:
    """A socket bound to a free port of 127.0.0.1 and listening, said on the output."""
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    sock.listen(128)
    say_listening(sock.getsockname()[1])
    return sock


def tornado_listen(application) -> None:
    """What ``application.listen(port, address='127.0.0.1')`` does, on a port the system picks."""
    import tornado.httpserver
    import tornado.netutil
    sockets = tornado.netutil.bind_sockets(0, '127.0.0.1')
    tornado.httpserver.HTTPServer(application).add_sockets(sockets)
    say_listening(sockets[0].getsockname()[1])
