"""The calls of upstream PyWebIO 1.8.3's demos/bmi.py, in a program of our own: Markdown chosen by
the browser's language, a form of two FLOAT inputs, the result in Markdown.

Run: ``python test/compat/demos18/bmi.py`` (upstream: ``python demos/bmi.py``, port 8080)."""
from pywebio import start_server
from pywebio.input import FLOAT, input, input_group
from pywebio.output import put_markdown
from pywebio.session import info as session_info


def t(eng, chinese):
    """English or Chinese, after the browser's language"""
    return chinese if 'zh' in session_info.user_language else eng


def main():
    """BMI Calculation

    Body Mass Index from height and weight.
    计算BMI指数
    """

    put_markdown(t("""# Body Mass Index

    [Body mass index](https://en.wikipedia.org/wiki/Body_mass_index) (BMI) compares weight and height.

    | Category             | BMI           |
    | -------------------- | ------------- |
    | Underweight          | BMI<18.4      |
    | Normal               | 18.4≤BMI<22.9 |
    | Overweight           | BMI≥22.9      |

    ## BMI calculation
    """, """# BMI指数

    | 体形分类 | BMI值范围 |
    | ------ | -------- |
    | 偏瘦    | BMI<18.4     |
    | 正常    | 18.4≤BMI<22.9     |
    | 过重    |  BMI≥22.9  |

    ## BMI指数计算器
    """))

    info = input_group(t('BMI calculation', '计算BMI：'), [
        input(t("Your Height(cm)", "请输入你的身高(cm)"), name="height", type=FLOAT),
        input(t("Your Weight(kg)", "请输入你的体重(kg)"), name="weight", type=FLOAT),
    ])

    BMI = info['weight'] / (info['height'] / 100) ** 2

    top_status = [(18.4, t('Underweight', '偏瘦')), (22.9, t('Normal', '正常')),
                  (float('inf'), t('Overweight', '过重'))]

    for top, status in top_status:
        if BMI <= top:
            put_markdown(t('Your BMI: `%.1f`, Category: `%s`', '你的 BMI 值: `%.1f`，身体状态: `%s`') % (BMI, status))
            break


if __name__ == '__main__':
    start_server(main, debug=True, port=0, host='127.0.0.1')
