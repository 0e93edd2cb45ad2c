"""The calls of upstream PyWebIO 1.8.3's demos/gomoku_game.py, in a program of our own: one board
shared by every visitor (black and white by turns of arrival), a table of buttons drawn again in a
scope after each move, a thread session that polls for the other player's move.

Run: ``python test/compat/demos18/gomoku_game.py`` (upstream: ``python demos/gomoku_game.py``, port 8080)."""
import time

from pywebio import session, start_server
from pywebio.output import put_buttons, put_html, put_loading, put_markdown, put_row, put_table, put_text, toast, \
    use_scope

goboard_size = 15
goboard = [[-1] * goboard_size for _ in range(goboard_size)]  # -1 empty, 0 black, 1 white


def winner():
    """the winner's stone, or None"""
    for x in range(2, goboard_size - 2):
        for y in range(2, goboard_size - 2):
            lines = ([(x + d, y) for d in (-2, -1, 1, 2)], [(x, y + d) for d in (-2, -1, 1, 2)],
                     [(x + d, y + d) for d in (-2, -1, 1, 2)], [(x + d, y - d) for d in (-2, -1, 1, 2)])
            if goboard[x][y] != -1 and any(all(goboard[x][y] == goboard[m][n] for m, n in line) for line in lines):
                return ['⚫', '⚪'][goboard[x][y]]


session_id = 0          # counts the sessions
current_turn = 0        # 0: black's turn, 1: white's
player_count = [0, 0]   # players of each colour


def main():
    """Online Shared Gomoku Game

    Five in a row, shared by everyone online."""
    global session_id, current_turn, goboard
    if winner():  # the last game is over: a new one
        goboard = [[-1] * goboard_size for _ in range(goboard_size)]
        current_turn = 0

    my_turn = session_id % 2
    my_chess = ['⚫', '⚪'][my_turn]
    session_id += 1
    player_count[my_turn] += 1

    @session.defer_call
    def player_exit():
        player_count[my_turn] -= 1

    session.set_env(output_animation=False)
    put_html("""<style> table th, table td { padding: 0px !important;}
    button {padding: .75rem!important; margin:0!important} </style>""")  # a board of small squares

    put_markdown(f"""# Online Shared Gomoku Game
    Everyone online plays on one board, black or white. Open more tabs to be several players.
    Currently online player: {player_count[0]} for ⚫, {player_count[1]} for ⚪. Your role is {my_chess}.
    """)

    def set_stone(pos):
        global current_turn
        if current_turn != my_turn:
            toast("It's not your turn!!", color='error')
            return
        x, y = pos
        goboard[x][y] = my_turn
        current_turn = (current_turn + 1) % 2

    @use_scope('goboard', clear=True)
    def show_goboard():
        table = [
            [
                put_buttons([dict(label=' ', value=(x, y), color='light')], onclick=set_stone)
                if cell == -1 else [' ⚫', ' ⚪'][cell]
                for y, cell in enumerate(row)
            ]
            for x, row in enumerate(goboard)
        ]
        put_table(table)

    show_goboard()
    while not winner():
        with use_scope('msg', clear=True):
            current_turn_copy = current_turn
            if current_turn_copy == my_turn:
                put_text("It's your turn!")
            else:
                put_row([put_text("Your opponent's turn, waiting... "),
                         put_loading().style('width:1.5em; height:1.5em')], size='auto 1fr')
            while current_turn == current_turn_copy and not session.get_current_session().closed():
                time.sleep(0.2)
            show_goboard()
    with use_scope('msg', clear=True):
        put_text('Game over. The winner is %s!\nRefresh page to start a new round.' % winner())


if __name__ == '__main__':
    start_server(main, debug=True, port=0, host='127.0.0.1')
