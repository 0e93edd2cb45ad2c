"""v0.3.0's demos/__main__.py (``python -m demos``): one Tornado application serving the index
and each demo with `webio_handler`, and PyWebIO's static files."""
import tornado.ioloop
import tornado.web
from tornado.options import define, options

from test.compat.v03.demos.bmi import main as bmi
from test.compat.v03.demos.chat_room import main as chat_room
from test.compat.v03.demos.input_usage import main as input_usage
from test.compat.v03.demos.output_usage import main as output_usage
from test.compat.v03.demos.config import charts_demo_host

from pywebio import STATIC_PATH
from pywebio.output import put_markdown, set_auto_scroll_bottom
from pywebio.platform.tornado import webio_handler

index_md = r"""# PyWebIO demos
### 基本demo

 - [BMI计算](./?pywebio_api=bmi): 根据身高体重计算BMI指数
 - [聊天室](./?pywebio_api=chat_room): 和当前所有在线的人聊天
 - [输入演示](./?pywebio_api=input_usage):  演示PyWebIO输入模块的用法
 - [输出演示](./?pywebio_api=output_usage): 演示PyWebIO输出模块的用法

### 数据可视化demo
PyWebIO还支持使用第三方库进行数据可视化

 - 使用`pyecharts`创建基于Echarts的图表 [**demos**]({charts_demo_host}/?pywebio_api=pyecharts)
 - 使用`plotly`进行数据可视化 [**demos**]({charts_demo_host}/?pywebio_api=plotly)

### Links
* PyWebIO Github [github.com/wang0618/PyWebIO](https://github.com/wang0618/PyWebIO)

""".format(charts_demo_host=charts_demo_host)


def index():
    set_auto_scroll_bottom(False)
    put_markdown(index_md)


if __name__ == "__main__":
    import tornado.httpserver
    import tornado.netutil
    from test.apps.listening import say_listening

    define("port", default=0, help="run on the given port", type=int)  # upstream: default=8080
    tornado.options.parse_command_line()

    application = tornado.web.Application([
        (r"/io", webio_handler(index)),
        (r"/bmi", webio_handler(bmi)),
        (r"/chat_room", webio_handler(chat_room)),
        (r"/input_usage", webio_handler(input_usage)),
        (r"/output_usage", webio_handler(output_usage)),
        (r"/(.*)", tornado.web.StaticFileHandler, {"path": STATIC_PATH, 'default_filename': 'index.html'})
    ])
    # upstream: application.listen(port=options.port), on all interfaces; here on 127.0.0.1, and the
    # port the system chose is said on the output
    sockets = tornado.netutil.bind_sockets(options.port, '127.0.0.1')
    tornado.httpserver.HTTPServer(application).add_sockets(sockets)
    say_listening(sockets[0].getsockname()[1])
    tornado.ioloop.IOLoop.current().start()
