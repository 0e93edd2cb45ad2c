"""Tic-tac-toe for two players, each in a browser of their own (others watch), even when the
server runs several processes or machines.

The game is a `pywebio.shared.Value`, changed atomically by each move, and every change is
published on a `pywebio.shared.Channel`, to which each page subscribes to redraw its board
(layout with ``put_grid``, in a scope). Button callbacks make the moves. With ``--redis`` (or
``PYWEBIO_REDIS_URL``) the game lives in Redis, and players served by different processes
(``--processes 2``) or machines play each other.

Run it with ``python demos/tictactoe.py`` and open http://localhost:8080/ in two tabs (``--port``
to change it).
"""
import argparse
import threading
import uuid

from pywebio import start_server
from pywebio.output import put_button, put_grid, put_markdown, put_scope, put_text, toast, use_scope
from pywebio.session import defer_call, hold
from pywebio.shared import Channel, SharedUnavailable, Value

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]
NEW_ROUND = {'board': [None] * 9, 'turn': 'X'}

game = Value('tictactoe', default=dict(NEW_ROUND, players=[], version=0))
changes = Channel('tictactoe')  # each change of the game, as a whole


def winner(board):
    for a, b, c in LINES:
        if board[a] and board[a] == board[b] == board[c]:
            return board[a]
    return 'draw' if all(board) else None


def change(rule):
    """Apply ``rule(game)`` (which changes it in place) atomically, and tell every page."""
    def step(state):
        rule(state)
        state['version'] += 1
        return state
    try:
        changes.publish(game.update(step))
    except SharedUnavailable:
        toast('The game cannot be reached right now: try again in a moment', color='error')


def join(me):
    def rule(state):
        if me not in state['players'] and len(state['players']) < 2:
            state['players'].append(me)
    change(rule)


def leave(me):
    def rule(state):
        if me in state['players']:
            state['players'].remove(me)
            state.update(NEW_ROUND)
    change(rule)


def play(me, cell):
    def rule(state):
        players, board = state['players'], state['board']
        symbol = 'XO'[players.index(me)] if me in players else None
        if symbol == state['turn'] and board[cell] is None and not winner(board) and len(players) == 2:
            board[cell] = symbol
            state['turn'] = 'O' if symbol == 'X' else 'X'
    change(rule)


def restart():
    change(lambda state: state.update(NEW_ROUND))


def tictactoe():
    me = uuid.uuid4().hex
    put_markdown('## Tic-tac-toe')
    put_scope('role')
    put_scope('status')
    put_scope('board')
    drawn = {'version': -1}
    drawing = threading.Lock()  # the task draws first, then the callbacks of the subscription

    def draw(state):
        with drawing:
            if state['version'] > drawn['version']:  # else an older change, published after a newer one
                drawn['version'] = state['version']
                redraw(state)

    def redraw(state):
        players, board, turn = state['players'], state['board'], state['turn']
        symbol = 'XO'[players.index(me)] if me in players else None
        done, ready = winner(board), len(players) == 2
        with use_scope('role', clear=True):
            put_text('You play %s.' % symbol if symbol else 'Two players are in the game: you are watching.')
        with use_scope('status', clear=True):
            if done == 'draw':
                put_text('A draw.')
            elif done:
                put_text('%s wins!' % done)
            elif not ready:
                put_text('Waiting for a second player...')
            else:
                put_text('Your turn.' if turn == symbol else "%s's turn." % turn)
            if done and symbol:
                put_button('New round', onclick=restart)
        cells = [put_button(board[i] or str(i + 1), onclick=lambda i=i: play(me, i), small=True,
                            disabled=not (symbol and ready and not done and board[i] is None and turn == symbol),
                            color='secondary' if board[i] is None else 'primary')
                 for i in range(9)]
        with use_scope('board', clear=True):
            put_grid([cells[0:3], cells[3:6], cells[6:9]], cell_width='56px', cell_height='56px')

    changes.subscribe(draw)
    defer_call(lambda: leave(me))
    join(me)
    draw(game.get())  # in case this page's own join was published before it subscribed
    hold()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--port', type=int, default=8080)
    parser.add_argument('--host', default='')
    parser.add_argument('--processes', type=int, default=1)
    parser.add_argument('--redis', default=None, help='a Redis URL, such as redis://127.0.0.1:6379/0')
    args = parser.parse_args()
    start_server(tictactoe, port=args.port, host=args.host, processes=args.processes, redis_url=args.redis)
