"""v0.3.0's 2.script_mode.py: the template with no server, in script mode; the script ends with
its session."""
import template
import util
from pywebio.input import *
from pywebio.output import *
from pywebio.utils import run_as_function


def target():
    template.basic_output()
    template.background_output()

    run_as_function(template.basic_input())
    actions(buttons=['Continue'])
    template.background_input()


if __name__ == '__main__':
    # upstream sets os.environ["PYWEBIO_SCRIPT_MODE_PORT"] = "8080" here (a fixed port, no browser);
    # the test instead reads the address script mode opens in the browser (its BROWSER variable)
    util.run_test(target)
