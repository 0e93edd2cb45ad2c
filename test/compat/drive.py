"""What a person does with the programs of the compatibility runner, in Chromium.

PyWebIO 1.x's numbered test programs share one template of calls (outputs of every kind, then every
kind of input); the programs here make the same calls, so one driver serves them all. Each step
does what a visitor would do and checks what the visitor then sees.
"""
from pathlib import Path

from playwright.sync_api import Page, expect

ASSETS = Path(__file__).parent / 'assets'
SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


def form(page: Page):
    """The form a visitor sees (several may be open: the newest one is on top)."""
    return page.locator('form:visible').last


def submit(page: Page, name='Submit'):
    form(page).get_by_role('button', name=name, exact=True).click()


def shows(page: Page, text: str):
    expect(page.get_by_text(text, exact=True).first).to_be_visible()


def template_outputs(page: Page):
    """The template's outputs: buttons in a table, buttons in a scope, scrolling, a popup."""
    shows(page, 'text_0')
    shows(page, 'before=top again')
    expect(page.get_by_text('to remove', exact=True)).to_have_count(0)
    for row in (1, 2, 3):
        for action in ('edit', 'delete'):
            page.get_by_role('row').filter(has=page.get_by_role('cell', name=str(row), exact=True)) \
                .get_by_role('button', name=action, exact=True).click()
            shows(page, 'You click %s button at row %s' % (action, row))
    for label in ('A', 'B', 'C'):
        page.get_by_role('button', name=label, exact=True).last.click()
        expect(page.get_by_text(label, exact=True).last).to_be_visible()
    for position in ('BOTTOM', 'TOP', 'MIDDLE'):
        page.get_by_role('button', name=position, exact=True).click()
    page.get_by_role('button', name='popup()', exact=True).click()
    dialog = page.get_by_role('dialog', name='Popup title')
    expect(dialog).to_be_visible()
    dialog.get_by_role('button', name='close_popup()').click()
    expect(dialog).to_have_count(0)
    page.get_by_role('button', name='click me').click()
    shows(page, 'Clicked')


def template_inputs(page: Page, background=True):
    """The template's inputs, answered as upstream's own test answers them."""
    form(page).get_by_role('spinbutton').fill('22')
    submit(page)
    shows(page, '22')
    form(page).get_by_label('Input password').fill('secret')
    submit(page)
    shows(page, "'secret'")
    submit(page)  # the select's first option
    shows(page, "'keyboard'")
    form(page).get_by_label('I agree to terms and conditions').check()
    submit(page)
    shows(page, "['I agree to terms and conditions']")
    numbers = ' '.join(str(i) for i in range(20))
    form(page).get_by_label('Text Area').fill(numbers)
    submit(page)
    shows(page, repr(numbers))
    form(page).get_by_label('Select a image:').set_input_files(ASSETS / 'img.png')
    submit(page)
    expect(page.get_by_role('img', name='img.png')).to_be_visible()
    form(page).get_by_label('This is label').fill('text')
    submit(page)
    shows(page, "'text'")
    submit(page, 'Cancel')
    shows(page, 'None')

    age = form(page).get_by_label('How old are you?')
    for typed, error in (('1', 'Too young!!'), ('90', 'Too old!!')):
        age.fill(typed)
        submit(page)
        expect(form(page).get_by_text(error)).to_be_visible()
        expect(age).to_have_attribute('aria-invalid', 'true')
    age.fill('23')
    submit(page)
    shows(page, '23')
    expect(form(page).get_by_text("import something", exact=True)).to_be_visible()  # the code editor's value
    submit(page)
    shows(page, repr('import something\n# Write your python code'))

    form(page).get_by_label('Input your name').fill('name')
    form(page).get_by_label('Input your age').fill('90')
    submit(page)
    expect(form(page).get_by_text('Too old!!')).to_be_visible()
    form(page).get_by_label('Input your age').fill('23')
    submit(page)
    shows(page, "{'name': 'name', 'age': 23}")

    form(page).get_by_role('button', name='Set value').click()
    expect(form(page).get_by_label('Input action')).to_have_value('set from action')
    submit(page)

    group = form(page)
    group.get_by_label('Text', exact=True).fill('name')
    group.get_by_label('Number', exact=True).fill('20')
    group.get_by_label('Float', exact=True).fill('3.1415')
    group.get_by_label('Password', exact=True).fill('password')
    group.get_by_label('Textarea', exact=True).fill(numbers)
    group.get_by_label('file_upload', exact=True).set_input_files(ASSETS / 'helloworld.txt')
    group.get_by_role('button', name='提交2').click()
    expect(group.get_by_text('password太长！')).to_be_visible()
    group.get_by_label('Password', exact=True).fill('123')
    group.get_by_role('button', name='提交2').click()
    expect(page.get_by_text('Form result:')).to_be_visible()
    expect(page.get_by_text("\"('actions', 'submit2')\"")).to_be_visible()
    expect(page.get_by_text("\"('float', 3.1415)\"")).to_be_visible()
    form(page).get_by_role('button', name='Continue').click()
    if background:
        background_inputs(page)


def background_inputs(page: Page):
    """Two inputs open at once, one from a background thread or coroutine: each is answered."""
    expect(form(page).get_by_label('background')).to_be_visible()
    form(page).get_by_label('background').fill('background')
    submit(page)
    shows(page, "background: 'background'")
    form(page).get_by_label('front').fill('front')
    submit(page)
    shows(page, "front: 'front'")
