"""What a person does with PyWebIO v0.3.0's programs, in Chromium, and what they then see.

v0.3.0's numbered test programs share one template of calls (outputs placed with anchors, then
every kind of input, then two inputs open at once); upstream drove them with Selenium
(``test_output`` and ``test_input`` of its ``test/template.py``). The functions here do the same
steps with Playwright locators by role, label and text, and check what a visitor sees after each.
The demos (BMI, chat room, input and output usage, the Bokeh app, the index of ``python -m
demos``) have a function each. They serve both upstream's programs, run unchanged, and ours under
``test/compat/v03/``, which make the same calls: see test/compat/test_v03_programs.py.
"""
import re
from typing import List, Optional

from playwright.sync_api import Page, expect

from test.compat.drive import ASSETS, SESSION_OVER, form, shows, submit  # noqa: F401 - the visitor's steps, shared

NUMBERS = ' '.join(str(i) for i in range(20))  # what upstream types into text areas


def session_ends(page: Page):
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)


# -- the template of the numbered programs ----------------------------------------------------------

def template_outputs(page: Page, background=True):
    """``basic_output()`` (and ``background_output()``) as upstream's ``test_output`` exercises them:
    the page as the anchors placed it, then the buttons of the table, of the button group and of
    scrolling, each with what its callback puts on the page."""
    main = page.get_by_role('main')
    # automatic scrolling (v0.3's default, and 1.basic's set_auto_scroll_bottom(True)): the page
    # follows the output to its end, where the first form is
    expect(form(page)).to_be_in_viewport()
    # set_anchor('top'), then clear_before('top') removed 'before=top'; 'before=top again' came after
    expect(main.get_by_text('before=top again', exact=True)).to_be_visible()
    expect(main.get_by_text('before=top', exact=True)).to_have_count(0)
    expect(main).to_match_aria_snapshot('''
        - paragraph: before=top again
        - paragraph: text_0
        - paragraph: text_1
        - paragraph: text_2
        - text: inline_text_0inline_text_1inline_text_2
        - heading "put_markdown 测试" [level=3]
        - list:
          - listitem: 北京
          - listitem: 上海
          - listitem: 天津
        - separator
        - table:
          - rowgroup:
            - row "Name Gender Address"
          - rowgroup:
            - row "Wang M China"
            - row "Liu W America"
        - table:
          - rowgroup:
            - row "Course Score"
          - rowgroup:
            - row "OS 80"
            - row "DB 93"
        ''')
    # the table of outputs: text stays text, a plain string is HTML (the guide's meaning)
    contents = main.get_by_role('table').filter(has=page.get_by_role('columnheader', name='Content'))
    expect(contents.get_by_role('row', name='text <hr/>')).to_be_visible()
    expect(contents.get_by_role('row', name='html X2').locator('sup')).to_have_text('2')
    expect(contents.get_by_role('link', name='hello.text')).to_be_visible()
    expect(main.get_by_role('link', name='hello_word.txt')).to_be_visible()
    expect(main.get_by_role('code').filter(has_text='"author": "wangweimin"')).to_be_visible()
    # anchors: replaced, inserted after and before, then cleared between, after and by clear_after
    expect(main).to_match_aria_snapshot('''
        - heading "锚点" [level=3]
        - paragraph: before=A1
        - paragraph: new anchor A1
        - paragraph: anchor A2
        - paragraph: after=A2
        - paragraph: before=A3
        - paragraph: anchor A3
        - heading "会话信息" [level=3]
        ''')
    for gone in ('anchor A1', 'after=A1', 'after=A3', 'to remove'):
        expect(main.get_by_text(gone, exact=True)).to_have_count(0)
    # get_info(): the request object has the backend's type
    expect(main.get_by_role('code').filter(has_text='`request type check` (str): True')).to_be_visible()
    expect(main.get_by_role('code').filter(has_text='`user_ip` (str): 127.0.0.1')).to_be_visible()
    if background:  # 20 numbers, each put right after the anchor 'background', so in reverse order
        expect(main).to_match_aria_snapshot('''
            - paragraph: Background output
            - text: /^19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0\\b/
            ''')

    for row in (1, 2, 3):
        for action in ('edit', 'delete'):
            main.get_by_role('row').filter(has=page.get_by_role('cell', name=str(row), exact=True)) \
                .get_by_role('button', name=action, exact=True).click()
            expect(main.get_by_text('You click %s button at row %s' % (action, row), exact=True)).to_be_visible()
    # each line of the table's callback goes right after the table: the last click on top
    expect(main).to_match_aria_snapshot('''
        - table:
          - rowgroup:
            - row "Idx Actions"
          - rowgroup:
            - row "1"
            - row "2"
            - row "3"
        - paragraph: You click delete button at row 3
        - paragraph: You click edit button at row 3
        - paragraph: You click delete button at row 2
        - paragraph: You click edit button at row 2
        - paragraph: You click delete button at row 1
        - paragraph: You click edit button at row 1
        ''')
    abc = main.get_by_role('group').filter(has=page.get_by_role('button', name='C', exact=True))
    clicked = []
    for label in ('A', 'B', 'C'):  # put_text(label, after='put_buttons'): the last click on top
        abc.get_by_role('button', name=label, exact=True).click()
        clicked.insert(0, label)
        lines = ['- group:', '  - button "A"', '  - button "B"', '  - button "C"']
        expect(main).to_match_aria_snapshot('\n'.join(lines + ['- paragraph: ' + text for text in clicked]))
    code = main.get_by_role('code').filter(has_text='"author": "wangweimin"')
    for position in ('BOTTOM', 'TOP', 'MIDDLE'):
        main.get_by_role('button', name=position, exact=True).click()
        expect(code).to_be_in_viewport()


def differs(problems: Optional[List[str]], message: str):
    """What the visitor sees differs from v0.3.0: raise now, or, given a list, add the message to
    it, so that the steps after this one are still done and checked."""
    if problems is None:
        raise AssertionError(message)
    problems.append(message)


def template_inputs(page: Page, background=True, problems: Optional[List[str]] = None):
    """``basic_input()``, the ``Continue`` button and ``background_input()``, answered as upstream's
    ``test_input`` answers them. Differences that leave the visitor able to go on go to
    ``problems`` when it is given (see `differs`)."""
    form(page).get_by_label('How old are you?').fill('22')
    submit(page)
    shows(page, '22')
    expect(form(page).get_by_label('Input password')).to_be_in_viewport()  # scrolled to by itself
    form(page).get_by_label('Input password').fill('secret')
    submit(page)
    shows(page, "'secret'")
    submit(page)  # the select's first option
    shows(page, "'keyboard'")
    form(page).get_by_label('I agree to terms and conditions').check()
    submit(page)
    shows(page, "['I agree to terms and conditions']")
    form(page).get_by_label('Text Area').fill(NUMBERS)
    submit(page)
    shows(page, repr(NUMBERS))
    form(page).get_by_label('Select a image:').set_input_files(ASSETS / 'img.png')
    submit(page)
    expect(page.get_by_role('img', name='img.png')).to_be_visible()
    field = form(page).get_by_label('This is label')
    expect(field).to_have_attribute('placeholder', 'This is placeholder,required=True')
    expect(form(page).get_by_text('This is help text')).to_be_visible()
    field.fill('text')
    submit(page)
    shows(page, "'text'")

    age = form(page).get_by_label('How old are you?')
    expect(form(page).get_by_text('age in [10, 60]')).to_be_visible()
    for typed, error in (('1', 'Too young!!'), ('90', 'Too old!!')):
        age.fill(typed)
        submit(page)
        expect(form(page).get_by_text(error)).to_be_visible()
    age.fill('23')
    submit(page)
    shows(page, '23')
    expect(form(page).get_by_text('import something', exact=True)).to_be_visible()  # the code editor's value
    submit(page)
    shows(page, repr('import something\n# Write your python code'))

    group = form(page)
    group.get_by_label('Input your name').fill('name')
    group.get_by_label('Input your age').fill('90')
    submit(page)
    expect(group.get_by_text('Too old!!')).to_be_visible()
    group.get_by_label('Input your age').fill('23')
    submit(page)
    shows(page, "{'name': 'name', 'age': 23}")

    group = form(page)
    expect(group.get_by_label('Number', exact=True)).to_have_value('42')
    group.get_by_label('Text', exact=True).fill('name')
    group.get_by_label('Number', exact=True).fill('20')
    group.get_by_label('Float', exact=True).fill('3.1415')
    group.get_by_label('Password', exact=True).fill('password')
    group.get_by_label('Textarea', exact=True).fill(NUMBERS)
    expect(group.get_by_label('Textarea', exact=True)).to_have_value(NUMBERS[:20])  # maxlength=20
    group.get_by_label('file_upload', exact=True).set_input_files(ASSETS / 'helloworld.txt')
    expect(group.get_by_role('button', name='disabled', exact=True)).to_be_disabled()
    group.get_by_role('button', name='提交2', exact=True).click()
    expect(group.get_by_text('password太长！')).to_be_visible()  # the form's valid_func
    group.get_by_label('Password', exact=True).fill('123')
    group.get_by_role('button', name='提交2', exact=True).click()
    expect(page.get_by_text('Form result:', exact=True)).to_be_visible()
    result = page.get_by_role('code').filter(has_text="('actions', 'submit2')")
    for item in ("('actions', 'submit2')", "('float', 3.1415)", "('number', 20)", "('password', '123')",
                 "('text', 'name')", "('textarea', '%s')" % NUMBERS[:20],
                 "('select-multiple', ['0', '2', '标签5,selected'])",
                 "('checkbox-inline', ['2', '标签5,selected'])", "('checkbox', ['0', '2'])",
                 "('radio-inline', '标签5,selected')", "('radio', '标签5,selected')"):
        expect(result).to_contain_text(item)
    expect(result).to_contain_text("'filename': 'helloworld.txt'")
    expect(page.get_by_text('`valid_func()` log:', exact=True)).to_be_visible()

    form(page).get_by_role('button', name='Continue', exact=True).click()
    if background:
        background_inputs(page)
    # checked last, so that a failure here leaves the steps above checked
    if "('select', '标签5,selected')" not in result.inner_text():
        differs(problems, "select('select', options, value=['标签5,selected']) without multiple: v0.3 (and 1.x) "
                "select the option of each value listed, so the form returns '标签5,selected'; this library "
                "ignores a list given to a single select (pywebio/_form.py, build_options). The form result:\n"
                + result.inner_text())


def background_inputs(page: Page):
    """Two inputs open at once, one from a background thread or coroutine (which asks a second
    later, so its form comes on top): each is answered in turn."""
    expect(form(page).get_by_label('background', exact=True)).to_be_visible()
    form(page).get_by_label('background', exact=True).fill('background')
    submit(page)
    shows(page, "background: 'background'")
    form(page).get_by_label('front', exact=True).fill('front')
    submit(page)
    shows(page, "front: 'front'")


def template_program(page: Page, problems: Optional[List[str]] = None):
    """A whole numbered program: outputs, then inputs."""
    template_outputs(page)
    template_inputs(page, problems=problems)


# -- the demos ------------------------------------------------------------------------------------

def bmi(page: Page, height='175', weight='70', shown='你的 BMI 值: 22.9，身体状态：正常'):
    """demos/bmi.py: two numbers in, the BMI and its category out; then the session is over."""
    expect(page).to_have_title('BMI Calculation')
    expect(page.get_by_role('link', name='BMI指数')).to_be_visible()
    form(page).get_by_label('请输入你的身高(cm)').fill(height)
    form(page).get_by_label('请输入你的体重(kg)').fill(weight)
    submit(page)
    expect(page.get_by_role('paragraph').filter(has_text=shown)).to_be_visible()
    session_ends(page)


def chat_join(page: Page, nickname: str):
    expect(page).to_have_title('PyWebIO Chat Room')
    form(page).get_by_label('请输入你的昵称').fill(nickname)
    submit(page)


def chat_send(page: Page, message: str):
    form(page).get_by_role('textbox').fill(message)
    form(page).get_by_role('button', name='发送', exact=True).click()


def chat_room(first: Page, second: Page):
    """demos/chat_room.py, with two visitors: a nickname already taken is refused, each sees the
    other join, talk (in Markdown) and leave."""
    chat_join(first, 'Alice')
    expect(first.get_by_role('paragraph').filter(has_text='📢: Alice加入聊天室. 当前在线人数 1')).to_be_visible()
    chat_join(second, 'Alice')
    expect(form(second).get_by_text('昵称已被使用')).to_be_visible()
    form(second).get_by_label('请输入你的昵称').fill('📢')
    submit(second)
    expect(form(second).get_by_text('昵称已被使用')).to_be_visible()
    form(second).get_by_label('请输入你的昵称').fill('Bob')
    submit(second)
    expect(second.get_by_role('paragraph').filter(has_text='📢: Bob加入聊天室. 当前在线人数 2')).to_be_visible()
    expect(first.get_by_role('paragraph').filter(has_text='📢: Bob加入聊天室. 当前在线人数 2')).to_be_visible()

    expect(form(first).get_by_text('消息内容支持Markdown 语法')).to_be_visible()
    chat_send(first, 'hello **Bob**')
    expect(first.get_by_role('paragraph').filter(has_text='Alice: hello Bob')).to_be_visible()
    said = second.get_by_role('paragraph').filter(has_text='Alice: hello Bob')
    expect(said).to_be_visible()
    expect(said.locator('strong')).to_have_text('Bob')
    chat_send(second, 'hi Alice')
    expect(first.get_by_role('paragraph').filter(has_text='Bob: hi Alice')).to_be_visible()
    form(first).get_by_role('button', name='发送', exact=True).click()  # an empty message: required
    expect(form(first).get_by_role('textbox')).to_have_attribute('aria-invalid', 'true')

    form(second).get_by_role('button', name='退出', exact=True).click()
    expect(second.get_by_text('你已经退出聊天室', exact=True)).to_be_visible()
    session_ends(second)
    expect(first.get_by_role('paragraph').filter(has_text='📢: Bob退出聊天室. 当前在线人数 1')).to_be_visible()
    form(first).get_by_role('button', name='退出', exact=True).click()
    expect(first.get_by_text('你已经退出聊天室', exact=True)).to_be_visible()
    session_ends(first)


def input_usage(page: Page):
    """demos/input_usage.py: each kind of input, as the demo's text invites a visitor to try them."""
    expect(page).to_have_title('PyWebIO输入演示')
    main = page.get_by_role('main')
    expect(main.get_by_role('heading', name='PyWebIO 输入演示', level=1)).to_be_visible()
    expect(main.get_by_text('这样一行代码的效果如下：', exact=True)).to_be_visible()
    form(page).get_by_label("What's your name?").fill('Ann')
    submit(page)
    # put_markdown(..., anchor='input-1') takes the place of the text of that anchor
    shows(page, "name = 'Ann'")
    expect(main.get_by_text('这样一行代码的效果如下：', exact=True)).to_have_count(0)
    expect(main).to_match_aria_snapshot('''
        - heading "文本输入" [level=4]
        - code: name = input("What's your name?")
        - paragraph:
          - code: name = 'Ann'
        - paragraph: PyWebIO的输入函数是同步的，在表单被提交之前，输入函数不会返回。
        ''')
    expect(main.get_by_role('heading', name='其他类型的输入:', level=4)).to_be_visible()

    form(page).get_by_label('Input password').fill('secret')
    submit(page)
    shows(page, "password = 'secret'")
    form(page).get_by_label('Which gift you want?').select_option('ipad')
    submit(page)
    shows(page, "gift = 'ipad'")
    form(page).get_by_label('I agree to terms and conditions').check()
    submit(page)
    shows(page, "agree = ['I agree to terms and conditions']")
    expect(form(page).get_by_label('Text Area')).to_have_attribute('placeholder', 'Some text')
    form(page).get_by_label('Text Area').fill('line 1\nline 2')
    submit(page)
    shows(page, "text = 'line 1\\nline 2'")
    expect(form(page).get_by_text('可以直接选择"提交"')).to_be_visible()
    submit(page)  # no file chosen
    shows(page, 'img = None')

    expect(main.get_by_role('heading', name='输入选项', level=4)).to_be_visible()
    field = form(page).get_by_label('This is label')
    expect(field).to_have_attribute('placeholder', 'This is placeholder')
    submit(page)  # required
    expect(field).to_have_attribute('aria-invalid', 'true')
    field.fill('candidate1')
    submit(page)

    age = form(page).get_by_label('How old are you?')
    for typed, error in (('8', 'Too young!!'), ('65', 'Too old!!')):
        age.fill(typed)
        submit(page)
        expect(form(page).get_by_text(error)).to_be_visible()
    age.fill('30')
    submit(page)
    shows(page, 'age = 30')

    expect(form(page).get_by_text('import something', exact=True)).to_be_visible()  # the code editor
    submit(page)
    expect(main.get_by_text('Your code:', exact=True)).to_be_visible()
    expect(main.get_by_role('code').filter(
        has_text=re.compile(r'^\s*import something\s+# Write your python code\s*$'))).to_be_visible()

    expect(main.get_by_role('heading', name='输入组', level=3)).to_be_visible()
    group = form(page)
    group.get_by_label('Input your name').fill('Anne-Marie')
    group.get_by_label('Input your age').fill('30')
    submit(page)
    expect(group.get_by_text('名字太长！')).to_be_visible()  # the group's valid_func
    group.get_by_label('Input your name').fill('Ann')
    group.get_by_label('Input your age').fill('5')
    submit(page)
    expect(group.get_by_text('Too young!!')).to_be_visible()  # the item's valid_func
    group.get_by_label('Input your age').fill('30')
    submit(page)
    shows(page, "data = {'name': 'Ann', 'age': 30}")
    session_ends(page)


def output_usage(page: Page):
    """demos/output_usage.py: outputs of each kind; the buttons in the table and the button group
    each put a line in place of an anchor; the session stays (``hold()``)."""
    expect(page).to_have_title('PyWebIO输出演示')
    main = page.get_by_role('main')
    expect(main.get_by_role('heading', name='自动滚动', level=4)).to_be_attached()  # the last output
    # set_auto_scroll_bottom(False): the page stays at its top
    expect(main.get_by_role('heading', name='PyWebIO 输入演示', level=1)).to_be_in_viewport()
    expect(main.get_by_role('heading', name='自动滚动', level=4)).not_to_be_in_viewport()
    expect(main.get_by_role('heading', name='基本输出', level=3)).to_be_visible()
    shows(page, 'Hello world!')
    expect(main.get_by_role('row', name='苹果 5.5')).to_be_visible()
    expect(main.get_by_role('deletion').filter(has_text='删除线')).to_be_visible()
    expect(main.get_by_role('link', name='hello_word.txt')).to_be_visible()
    expect(main.get_by_role('code').filter(has_text="put_text(\"Hello world!\")")).to_be_visible()
    expect(main.get_by_role('heading', name='锚点', level=3)).to_be_visible()
    expect(main.get_by_role('heading', name='页面环境设置', level=3)).to_be_visible()
    expect(main.get_by_role('heading', name='自动滚动', level=4)).to_be_visible()

    table = main.get_by_role('table').filter(has=page.get_by_role('columnheader', name='Actions'))
    for row, action in ((1, 'edit'), (3, 'delete'), (2, 'edit')):
        table.get_by_role('row').filter(has=page.get_by_role('cell', name=str(row), exact=True)) \
            .get_by_role('button', name=action, exact=True).click()
        said = main.get_by_role('blockquote').filter(has_text='You click %s button ar row %s' % (action, row))
        expect(said).to_be_visible()
        expect(main.get_by_role('blockquote').filter(has_text='You click')).to_have_count(1)  # in place
    for label in ('A', 'B', 'C'):
        main.get_by_role('button', name=label, exact=True).click()
        said = main.get_by_role('blockquote').filter(has_text='You click %s button' % label)
        expect(said).to_be_visible()
    expect(main.get_by_role('blockquote').filter(has_text='You click')).to_have_count(2)
    # each callback's output stands where its anchor was set: after the table, after the buttons
    expect(main).to_match_aria_snapshot('''
        - table:
          - rowgroup:
            - row "Idx Actions"
        - blockquote:
          - paragraph:
            - text: You click
            - code: edit
            - text: button ar row
            - code: "2"
        - paragraph: "当然，PyWebIO还支持单独的按钮控件:"
        - group:
          - button "A"
          - button "B"
          - button "C"
        - blockquote:
          - paragraph:
            - text: You click
            - code: C
            - text: button
        - heading "锚点" [level=3]
        ''')
    expect(page.get_by_role('status')).to_have_count(0)  # hold(): the session goes on


def bokeh_app(page: Page):
    """demos/bokeh_app.py: the Markdown, then the Bokeh app, whose slider runs a Python callback
    that smooths the plotted line."""
    main = page.get_by_role('main')
    expect(main.get_by_role('heading', name='Bokeh Applications in PyWebIO', level=1)).to_be_visible()
    expect(main.get_by_role('link', name='Bokeh Applications')).to_be_visible()
    bokeh_slider(page)


#: The pictures (data URLs) of the canvases of the first Bokeh plot below an element: BokehJS draws
#: in canvases inside shadow roots.
_PLOT_BELOW = '''(element) => {
    const canvases = [];
    const walk = (root) => {
        for (const node of root.querySelectorAll('*')) {
            if (node.tagName === 'CANVAS') canvases.push(node);
            if (node.shadowRoot) walk(node.shadowRoot);
        }
    };
    walk(document);
    const below = element.getBoundingClientRect().bottom;
    const plots = canvases.filter(c => c.width > 100 && c.getBoundingClientRect().top >= below);
    if (!plots.length) return '';
    const top = Math.min(...plots.map(c => c.getBoundingClientRect().top));
    const layers = plots.filter(c => c.getBoundingClientRect().top === top);
    const pixels = layers[0].getContext('2d').getImageData(0, 0, layers[0].width, layers[0].height).data;
    for (let i = 0; i < pixels.length; i += 4) {  // drawn: some opaque pixel that is not white
        if (pixels[i + 3] && (pixels[i] < 250 || pixels[i + 1] < 250 || pixels[i + 2] < 250))
            return layers.map(c => c.toDataURL()).join(' ');
    }
    return '';
}'''


def bokeh_slider(page: Page, steps=10):
    """Move the first 'Smoothing by N Days' slider by ``steps``: the plot below it changes."""
    # the app comes from a Bokeh server that the session starts: it takes a few seconds
    expect(page.get_by_text('Smoothing by N Days: 0').first).to_be_visible(timeout=30_000)
    slider = page.get_by_role('slider').first
    slider.scroll_into_view_if_needed()
    handle = slider.element_handle()
    page.wait_for_function('(slider) => (%s)(slider) !== ""' % _PLOT_BELOW, arg=handle)  # drawn
    before = page.evaluate(_PLOT_BELOW, handle)
    slider.focus()
    for _ in range(steps):
        page.keyboard.press('ArrowRight')
    expect(page.get_by_text('Smoothing by N Days: %d' % steps).first).to_be_visible()
    # the callback runs in Python, in the Bokeh server of the session, and sends the new line back
    page.wait_for_function('([slider, before]) => (%s)(slider) !== before' % _PLOT_BELOW,
                           arg=[handle, before], polling=100)


def demos_index(page: Page):
    """``python -m demos``: the index page, whose links open each demo."""
    main = page.get_by_role('main')
    expect(main.get_by_role('heading', name='PyWebIO demos', level=1)).to_be_visible()
    for name in ('BMI计算', '聊天室', '输入演示', '输出演示'):
        expect(main.get_by_role('link', name=name, exact=True)).to_be_visible()
    expect(main.get_by_role('link', name='github.com/wang0618/PyWebIO')).to_be_visible()
