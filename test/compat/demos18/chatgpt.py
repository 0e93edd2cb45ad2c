"""The calls of upstream PyWebIO 1.8.3's demos/chatgpt.py, in a program of our own: pywebio_battery's
localStorage helpers keep the API settings, a pin select, a form loop with a multi-line input and a
download, the reply streamed into a scope with `put_text(inline=True)`, then `clear()` and Markdown.

Upstream asks OpenAI's API; here ``create_completion`` stands in for ``openai.ChatCompletion.create``
(nothing leaves the machine): it streams back ``You said: <message>`` in chunks, answers the key
``sk-wrong`` with an error (upstream's path for a request that fails), and a message with ``long`` in it
ends with ``finish_reason='length'``. pywebio_battery is the add-on itself (the test extra has it).

Run: ``python test/compat/demos18/chatgpt.py`` (upstream: ``python demos/chatgpt.py``, port 8080)."""
import json
import time
from typing import Dict, List

from pywebio.input import TEXT, actions, input, input_group, textarea
from pywebio.output import clear, popup, put_button, put_error, put_info, put_loading, put_markdown, put_text, \
    put_warning, toast, use_scope
from pywebio.pin import pin, put_select
from pywebio.session import download, set_env

import pywebio_battery


def create_completion(api_key, messages, stream, **model_kwargs):
    """openai.ChatCompletion.create(stream=True), played by a model that repeats what it is told"""
    message = messages[-1]['content']
    words = ('You said: %s' % message).split(' ')
    for i, word in enumerate(words):
        last = i == len(words) - 1
        finish = ('length' if 'long' in message else 'stop') if last else None
        yield {'choices': [{'finish_reason': finish, 'delta': {'content': word + ('' if last else ' ')}}]}


class ChatGPTStreamResponse:
    def __init__(self, response):
        self.response = response
        self.yielded = []
        self.finish_reason = None

    def __next__(self):
        chunk = next(self.response)
        self.finish_reason = chunk['choices'][0]['finish_reason']
        content = chunk['choices'][0]['delta'].get('content', '')
        if content:
            self.yielded.append(content)
        return content

    def __iter__(self):
        return self

    def result(self):
        return ''.join(self.yielded)


class ChatGPT:

    def __init__(self, messages: List[Dict] = None, model: str = "gpt-3.5-turbo", api_key=None, **model_kwargs):
        self._messages = list(messages or [])
        self.model_kwargs = dict(model=model, **model_kwargs)
        if api_key:
            self.model_kwargs['api_key'] = api_key
        self.pending_stream_reply: ChatGPTStreamResponse = None

    def _ask(self, message: str, stream=True, **model_kwargs):
        if self.pending_stream_reply:
            self._messages.append({"role": "assistant", "content": self.pending_stream_reply.result()})
            self.pending_stream_reply = None
        self._messages.append({"role": "user", "content": message})
        kwargs = dict(self.model_kwargs, **model_kwargs)
        if kwargs.get('api_key') == 'sk-wrong':  # the request fails when it is made
            raise RuntimeError('Incorrect API key provided: sk-wrong')
        return create_completion(**kwargs, messages=self._messages, stream=stream)

    def ask_stream(self, message: str, **model_kwargs) -> ChatGPTStreamResponse:
        self.pending_stream_reply = ChatGPTStreamResponse(self._ask(message, stream=True, **model_kwargs))
        return self.pending_stream_reply

    def latest_finish_reason(self) -> str:
        return self.pending_stream_reply.finish_reason if self.pending_stream_reply else None

    def messages(self) -> List[Dict]:
        if self.pending_stream_reply:
            self._messages.append({"role": "assistant", "content": self.pending_stream_reply.result()})
            self.pending_stream_reply = None
        return self._messages


def get_openai_config():
    openai_config = json.loads(pywebio_battery.get_localstorage('openai_config') or '{}')
    if not openai_config:
        openai_config = input_group('OpenAI API Config', [
            input('API Key', name='api_key', type=TEXT, required=True,
                  help_text='Get your API key from https://platform.openai.com/account/api-keys'),
            input('API Server', name='api_base', type=TEXT, value='https://api.openai.com', required=True),
        ])
        openai_config['api_base'] = openai_config['api_base'].removesuffix('/v1').strip('/') + '/v1'
        pywebio_battery.set_localstorage('openai_config', json.dumps(openai_config))

    put_button('Reset OpenAI API Key', reset_openai_config, link_style=True)
    return openai_config


def reset_openai_config():
    pywebio_battery.set_localstorage('openai_config', json.dumps(None))
    toast("Please refresh the page to take effect")


def main():
    """"""
    set_env(input_panel_fixed=False, output_animation=False)
    put_markdown("""
    # ChatGPT
    A ChatGPT client implemented with PyWebIO.
    TIPS: refresh page to open a new chat.
    """)
    put_select('model', ['gpt-3.5-turbo', 'gpt-4'], label='Model')

    openai_config = get_openai_config()

    bot = ChatGPT(api_key=openai_config['api_key'], api_base=openai_config['api_base'], model=pin.model)
    while True:
        form = input_group('', [
            input(name='msg', placeholder='Ask ChatGPT'),
            actions(name='cmd', buttons=['Send', 'Multi-line Input', 'Save Chat'])
        ])
        if form['cmd'] == 'Multi-line Input':
            form['msg'] = textarea(value=form['msg'])
        elif form['cmd'] == 'Save Chat':
            messages = [
                msg['content'] if msg['role'] == 'user' else f"> {msg['content']}"
                for msg in bot.messages()
            ]
            download(f"chatgpt_{time.strftime('%Y%m%d%H%M%S')}.md", '\n\n'.join(messages).encode('utf8'))
            continue

        user_msg = form['msg']
        if not user_msg:
            continue

        put_info(put_text(user_msg, inline=True))

        with use_scope(f'reply-{int(time.time())}'):
            put_loading('grow', 'info')
            try:
                reply_chunks = bot.ask_stream(user_msg)
            except Exception as e:
                popup('ChatGPT Error', put_error(e))
                continue
            finally:
                clear()  # the loading spinner
            for chunk in reply_chunks:
                put_text(chunk, inline=True)
            clear()  # the text above
            put_markdown(reply_chunks.result())

        if bot.latest_finish_reason() == 'length':
            put_error('Incomplete model output due to max_tokens parameter or token limit.')
        elif bot.latest_finish_reason() == 'content_filter':
            put_warning("Omitted content due to a flag from OpanAI's content filters.")


if __name__ == '__main__':
    from pywebio import start_server

    start_server(main, port=0, debug=True, cdn=False, host='127.0.0.1')
