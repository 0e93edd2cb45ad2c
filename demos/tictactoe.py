"""Tic-tac-toe for two players, each in a browser of their own (others watch).

Both sessions share one game; each draws the board with layout (``put_grid``) in a scope, and
redraws it whenever the other player moves. Button callbacks make the moves.

Run it with ``python demos/tictactoe.py`` and open http://localhost:8080/ in two tabs (``--port``
to change it).
"""
import argparse
import threading

from pywebio import start_server
from pywebio.output import put_button, put_grid, put_markdown, put_scope, put_text, use_scope
from pywebio.session import defer_call

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]


class Game:
    """The board, whose turn it is, and a condition that wakes every player's page on a change."""

    def __init__(self):
        self.changed = threading.Condition()
        self.players = []   # who holds 'X' and 'O': any objects, one per session
        self.version = 0
        self.new_round()

    def new_round(self):
        self.board = [None] * 9
        self.turn = 'X'

    def _bump(self):
        self.version += 1
        self.changed.notify_all()

    def join(self, who):
        """The symbol ``who`` plays ('X' or 'O'), or None to watch."""
        with self.changed:
            if len(self.players) < 2:
                self.players.append(who)
                self._bump()
                return 'XO'[len(self.players) - 1]
            return None

    def leave(self, who):
        with self.changed:
            if who in self.players:
                self.players.remove(who)
                self.new_round()
                self._bump()

    def winner(self):
        for a, b, c in LINES:
            if self.board[a] and self.board[a] == self.board[b] == self.board[c]:
                return self.board[a]
        return 'draw' if all(self.board) else None

    def play(self, symbol, cell):
        with self.changed:
            if self.turn == symbol and self.board[cell] is None and not self.winner() and len(self.players) == 2:
                self.board[cell] = symbol
                self.turn = 'O' if symbol == 'X' else 'X'
                self._bump()

    def restart(self):
        with self.changed:
            self.new_round()
            self._bump()

    def wait_after(self, version, stop):
        with self.changed:
            self.changed.wait_for(lambda: self.version != version or stop.is_set())
            return self.version


game = Game()


def tictactoe():
    me = object()
    symbol = game.join(me)
    left = threading.Event()

    def leave():
        left.set()
        game.leave(me)
        with game.changed:
            game.changed.notify_all()

    defer_call(leave)
    put_markdown('## Tic-tac-toe')
    put_text('You play %s.' % symbol if symbol else 'Two players are in the game: you are watching.')
    put_scope('status')
    put_scope('board')

    def draw():
        with game.changed:
            board, turn, winner, ready = list(game.board), game.turn, game.winner(), len(game.players) == 2
        with use_scope('status', clear=True):
            if winner == 'draw':
                put_text('A draw.')
            elif winner:
                put_text('%s wins!' % winner)
            elif not ready:
                put_text('Waiting for a second player...')
            else:
                put_text('Your turn.' if turn == symbol else "%s's turn." % turn)
            if winner and symbol:
                put_button('New round', onclick=game.restart)
        cells = [put_button(board[i] or str(i + 1), onclick=lambda i=i: game.play(symbol, i), small=True,
                            disabled=not (symbol and ready and not winner and board[i] is None and turn == symbol),
                            color='secondary' if board[i] is None else 'primary')
                 for i in range(9)]
        with use_scope('board', clear=True):
            put_grid([cells[0:3], cells[3:6], cells[6:9]], cell_width='56px', cell_height='56px')

    version = -1
    while not left.is_set():
        version = game.wait_after(version, left)
        if not left.is_set():
            draw()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(tictactoe, port=parser.parse_args().port)
