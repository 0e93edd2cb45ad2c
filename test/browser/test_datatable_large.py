"""A large put_datatable in Chromium: the grid shows its first rows before it makes the others
(webiojs/src/outputs/datatable_grid.ts), and nothing a program can see differs from a table made
in one go: every row arrives with its position as id, changes sent right after the table apply
to it whole, and 1.8's promise resolves once every row is in."""
from playwright.sync_api import expect

from pywebio.output import datatable_update, put_datatable, put_text
from pywebio.session import eval_js, hold

COUNT = 20_000  # more than the grid shows at first (datatable_grid.ts, PROGRESSIVE_FROM)
RECORDS = [{'n': i, 'name': 'row %d' % i} for i in range(COUNT)]


def test_a_large_table_gets_every_row_and_the_changes_sent_after_it(serve_app, page):
    def task():
        put_datatable(RECORDS, instance_id='big', onselect=lambda row: put_text('selected %r' % row))
        datatable_update('big', 'changed', row_id=COUNT - 1, field='name')  # a row of the rest
        put_text('rows %s' % eval_js('ag_grid_big_promise.then(grid => grid.api.getDisplayedRowCount())'))
        put_text('ready')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('ready', exact=True)).to_be_visible()
    expect(page.get_by_text('rows %d' % COUNT, exact=True)).to_be_visible()  # every row, when it resolves
    expect(page.get_by_role('grid')).to_have_attribute('aria-rowcount', str(COUNT + 1))  # a header row
    header = page.get_by_role('columnheader', name='N', exact=True)
    header.click()
    header.click()  # descending: the last record first
    expect(header).to_have_attribute('aria-sort', 'descending')
    expect(page.get_by_role('gridcell', name='changed', exact=True)).to_be_visible()
    page.get_by_role('gridcell', name=str(COUNT - 1), exact=True).click()
    expect(page.get_by_text('selected %d' % (COUNT - 1), exact=True)).to_be_visible()
