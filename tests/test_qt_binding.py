"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 lost a reference to None/True on each value returned from Qt (signal emits,
setters) and aborted the interpreter after a few thousand calls; pyproject keeps us below it.
Run in a subprocess because the failure is an abort of the whole process.
"""

import subprocess
import sys

CODE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
app = QCoreApplication([])
class Emitter(QObject):
    changed = Signal(int)
emitter = Emitter()
emitter.changed.connect(lambda value: None)
timer = QTimer()
before = (sys.getrefcount(None), sys.getrefcount(True))
for i in range(3000):
    emitter.changed.emit(i)
    timer.setInterval(5)
    app.processEvents()
after = (sys.getrefcount(None), sys.getrefcount(True))
print(after[0] - before[0], after[1] - before[1])
"""


def test_qt_calls_keep_python_reference_counts() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    none_delta, true_delta = (int(x) for x in result.stdout.split())
    assert abs(none_delta) < 50 and abs(true_delta) < 50
