"""The calls of upstream PyWebIO 1.8.3's demos/index.py, in a program of our own: the page that
`path_deploy` shows at the folder's URL, since the folder has an ``index.py``. It has no
``__main__`` part: ``python -m test.compat.demos18`` serves it.

Its script runs inline (upstream's loads GitHub's button script: nothing here leaves the machine)."""
from config import charts_demo_host

from pywebio.output import put_html, put_markdown, put_row
from pywebio.session import info as session_info

BADGE = ('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20">'
         '<rect width="60" height="20"/></svg>')

index_md = r"""### Basic demo
 - [BMI calculation](./bmi): Calculating Body Mass Index based on height and weight
 - [Online chat room](./chat_room): Chat with everyone currently online
 - [Theme preview](./theme): Demo page with various themes supported by PyWebIO

### Data visualization demo
 - Use `bokeh` for data visualization [**demos**]({charts_demo_host}/?app=bokeh)

<a href="{charts_demo_host}/?app=bokeh">
    <img src="{badge}" alt="bokeh demo">
</a>
""".format(charts_demo_host=charts_demo_host, badge=BADGE)

index_md_zh = r"""### 基本demo
 - [BMI计算](./bmi): 根据身高体重计算BMI指数
 - [聊天室](./chat_room): 和当前所有在线的人聊天
 - [主题预览](./theme): 展示PyWebIO支持的各种主题

### 数据可视化demo
 - 使用`bokeh`进行数据可视化 [**demos**]({charts_demo_host}/?app=bokeh)
""".format(charts_demo_host=charts_demo_host)


def main():
    """PyWebIO demos

    Basic demo and data visualization demo of PyWebIO.
    """
    put_row([
        put_markdown('# PyWebIO demos'),
        put_html('<a class="github-button" data-size="large" href="https://github.com/wang0618/PyWebIO" '
                 'aria-label="Star wang0618/PyWebIO on GitHub">Star</a>')
    ], size='1fr auto').style('align-items:center')
    put_html('<script>document.querySelector(".github-button").dataset.ready = "yes"</script>')

    if 'zh' in session_info.user_language:
        put_markdown(index_md_zh)
    else:
        put_markdown(index_md)
