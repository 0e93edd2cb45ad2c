"""User content cannot take the page's own ids (DOM clobbering), as a security review showed it
could: sanitized Markdown kept ``id`` and ``style``, and the page found its elements by id."""
from playwright.sync_api import expect

from pywebio.input import input
from pywebio.output import put_markdown, put_text
from pywebio.session import hold

# an invisible element over the whole page, with the id of each of the first outputs
OVERLAYS = ''.join('<div id="pywebio-output-%d" style="position:fixed;inset:0;z-index:9999"></div>' % n
                   for n in range(1, 20))


def test_a_post_with_the_id_of_an_output_does_not_receive_its_clicks(serve_app, page):
    clicks = []

    def task():
        put_markdown('A post from a visitor\n\n' + OVERLAYS)  # sanitized, as Markdown is by default
        put_text('Delete everything').onclick(lambda: clicks.append(1) or put_text('deleted'))
        hold()

    page.goto(serve_app(task).url)
    target = page.get_by_role('button', name='Delete everything')
    expect(target).to_be_visible()
    assert page.locator('[id^="user-content-pywebio-output-"]').count() == 19  # the post's ids, renamed
    post = page.locator('.pywebio-markdown').bounding_box()
    overlay = page.locator('#user-content-pywebio-output-3').bounding_box()
    assert overlay['height'] <= post['height'] + 1  # "position: fixed; inset: 0" covers the post only
    page.mouse.click(overlay['x'] + 5, overlay['y'] + 5)  # the post's overlay: no callback of an output
    target.click()  # the real one: a positive control, and the point at which to count
    expect(page.get_by_text('deleted')).to_have_count(1)
    assert clicks == [1]


def test_a_post_with_the_id_of_the_form_container_does_not_swallow_the_next_form(serve_app, page):
    names = []

    def task():
        put_markdown('A post\n\n<div id="input-container" style="display:none"></div>'
                     '<div id="session-status" style="display:none"></div>')
        names.append(input('Your name'))
        put_text('Hello, %s' % names[0])

    page.goto(serve_app(task).url)
    page.get_by_label('Your name').fill('Ann')  # visible: the form is in the page's own container
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann')).to_be_visible()
    expect(page.get_by_role('status')).to_have_text('The session has ended. Reload the page to start a new one.')
    assert names == ['Ann']
