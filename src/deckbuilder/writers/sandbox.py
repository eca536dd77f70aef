"""A Jinja environment in which a theme's untrusted template can only turn plain data into text.

Templates receive plain data (strings, numbers, lists, mappings). On top of jinja2's sandbox:
attributes are an allow-list (keys of mappings and a few string methods; nothing that starts
with `_`); the only global is a short `range` (and nothing gives a different handout twice); templates
load only regular UTF-8 files inside the theme folders; and every render has a budget of steps
(loop turns, calls, filters and tests, and each item a filter goes through), of characters
(each value it builds, everything it writes) and of time. Breaking a rule raises SecurityError
inside the template, so the error carries the template's file and line.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import re
import time
from collections.abc import Iterable, Sized
from pathlib import Path

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateRuntimeError,
    TemplateSyntaxError,
    nodes,
)
from jinja2.environment import TemplateModule
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext, markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.utils import pass_context

from ..errors import DeckError
from ..load import read_text

PACKAGE = Path(__file__).resolve().parents[1]  # deckbuilder's own code
MAX_STEPS = 1_000_000  # loop turns, calls, filters, tests and items filters go through, in one render
MAX_SECONDS = 10.0  # of one render
MAX_SIZE = 16_000_000  # characters of any value a template builds (an item of a list counts 4)
# Characters a template writes, plus four times its data; a macro's text counts again where it is used.
MAX_OUTPUT = 64_000_000
MAX_RANGE = 10_000  # numbers in one range()
MAX_WIDTH = 1_000  # a width or precision in a % format
MAX_BITS = 100_000  # of a number a template computes

# Methods that only read: of strings (and Markup) and of the data's lists and mappings.
# (Not strip(chars), striptags or unescape: they take quadratic time on some text; the trim and
# striptags filters are bounded.)
SAFE_METHODS = frozenset(
    "capitalize casefold count endswith find index isalnum isalpha isdecimal isdigit islower "
    "isnumeric isspace istitle isupper lower partition removeprefix removesuffix rfind rindex "
    "rpartition rsplit split splitlines startswith swapcase title upper get items keys values".split()
)
LOOP_ATTRIBUTES = frozenset(
    "index index0 revindex revindex0 first last length depth depth0 previtem nextitem cycle changed".split()
)
# Filters whose result can be much larger than what they are given: how many times, besides their arguments.
GROWING_FILTERS = dict.fromkeys("batch center indent join replace slice urlize wordwrap".split(), 1)
GROWING_FILTERS["css_string"] = 7  # the handout's: a character becomes an escape of seven
# Filters that do work for each item of their value (call a filter, a test or a lookup, or compare).
ITEM_FILTERS = frozenset(
    "map select reject selectattr rejectattr sort groupby unique min max sum join dictsort rich".split()
)
NONDETERMINISTIC_FILTERS = ("random",)
RECURSION = "a macro or an include calls itself without end"
# Filters that take quadratic time on some text, and the longest text they are given.
SLOW_FILTERS = {"striptags": 20_000, "wordwrap": 20_000}
MAX_TRIM_CHARS = 100  # stripping takes time proportional to the text times these
_FORMAT_SPEC = re.compile(r"%(?:\([^)]*\))?[^%a-zA-Z]*")  # up to the conversion letter

_budget: contextvars.ContextVar[Budget] = contextvars.ContextVar("template_budget")


class Budget:
    """What one render may still spend: steps, characters written, and time."""

    def __init__(self, output: int):
        self.steps = MAX_STEPS
        self.output = output
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self, steps: int = 1, chars: int = 0) -> None:
        """Count work done; raise SecurityError when a limit is passed."""
        self.steps -= steps
        self.output -= chars
        if self.steps < 0:
            raise SecurityError(f"the template takes more than {MAX_STEPS:,} steps (loop turns and calls)")
        if self.output < 0:
            raise SecurityError("the template writes more text than a handout may hold")
        if time.monotonic() > self.deadline:
            raise SecurityError(f"the template runs for more than {MAX_SECONDS:g} seconds")


@contextlib.contextmanager
def budget(data_size: int):
    """Give the renders inside the block their budget; the data may be written several times."""
    token = _budget.set(Budget(MAX_OUTPUT + 4 * data_size))
    try:
        yield
    finally:
        _budget.reset(token)


def size(value, memo: dict | None = None) -> int:
    """Return about how many characters `value` makes as text; a shared part counts where it occurs."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, float):
        return 24
    if not isinstance(value, (list, tuple, dict)):
        return 0
    memo = {} if memo is None else memo
    if id(value) not in memo:
        parts = (*value.keys(), *value.values()) if isinstance(value, dict) else value
        memo[id(value)] = 4 * len(value) + sum(size(part, memo) for part in parts)
    return memo[id(value)]


def checked(value):
    """Return `value` if it is not too large to build on."""
    checked_size(size(value))
    return value


def checked_size(chars: int) -> None:
    """Refuse to build a value of `chars` characters if that is more than any template needs."""
    if chars > MAX_SIZE:
        raise SecurityError(f"the template builds a value of more than {MAX_SIZE:,} characters")


def _check_format(text: str) -> None:
    """Refuse % formats with `*` or wide fields, which could make huge strings from small ones."""
    for spec in _FORMAT_SPEC.findall(text):
        if "*" in spec or any(int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec.rpartition(")")[2])):
            raise SecurityError(f"a % format may not use '*' or widths over {MAX_WIDTH}: {spec[:20]!r}")


def _binop(op: str, left, right):
    """Return `left op right`, refused when the result would be huge."""
    sequences = (str, list, tuple)
    if op == "*" and isinstance(left, int) and isinstance(right, sequences):
        left, right = right, left
    if op == "*" and isinstance(left, sequences) and isinstance(right, int):
        checked_size(size(left) * right)
    elif op == "+" and isinstance(left, sequences):
        checked_size(size(left) + size(right))
    elif op == "%" and isinstance(left, str):
        _check_format(left)
    elif isinstance(left, int) and isinstance(right, int) and op in ("*", "**"):
        bits = left.bit_length() * right if op == "**" else left.bit_length() + right.bit_length()
        if bits > MAX_BITS:
            raise SecurityError(f"the template computes a number of more than {MAX_BITS:,} bits")
    return SandboxedEnvironment.default_binop_table[op](left, right)


def _range(*args):
    """Return a range of at most MAX_RANGE numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() of more than {MAX_RANGE:,} numbers")
    return numbers


@pass_context
def _counted(context, iterable):
    """Yield the items of a loop, each a step of the budget."""
    return _spending(iterable)


def _spending(iterable):
    """Yield the items of `iterable`, each a step of the budget."""
    spend = _budget.get().spend
    for item in iterable:
        spend()
        yield item


def _per_item(value):
    """Return `value`, its items spent: at once if it has a length, else each as it is taken."""
    if isinstance(value, Sized):
        _budget.get().spend(len(value))
        return value
    return _spending(value) if isinstance(value, Iterable) else value


@pass_context
def _written(context, value, literal: int = 0):
    """Return `value` (text a template writes), counting it and `literal` characters against the budget."""
    _budget.get().spend(0, size(value) + literal)
    return value


@pass_context
def _concat(context, parts: tuple):
    """Return the parts joined as `~` does, refused when the result would be huge."""
    checked(parts)
    return markup_join(parts) if context.eval_ctx.autoescape else str_join(parts)


def _sized_filter(name: str, apply):
    """Return filter `apply` refusing arguments that could make a huge result, and huge results."""
    takes_context = getattr(apply, "jinja_pass_arg", None) is not None

    @functools.wraps(apply)
    def sized(*args, **kwargs):
        _budget.get().spend()  # outside a render (jinja folding constants) there is none: not folded
        first = 1 if takes_context else 0
        if name in ITEM_FILTERS and len(args) > first:
            args = (*args[:first], _per_item(args[first]), *args[first + 1 :])
        if (
            name in GROWING_FILTERS
            and len(args) > first
            and not isinstance(args[first], (str, list, tuple, dict))
        ):
            args = (*args[:first], list(args[first]), *args[first + 1 :])  # a generator's items count too
        value, *rest = args[first:] or (None,)
        rest += kwargs.values()
        if name in GROWING_FILTERS:
            factor = GROWING_FILTERS[name] + sum(abs(a) if isinstance(a, int) else size(a) for a in rest)
            checked_size((size(value) + 1) * factor)
        elif name == "format" and isinstance(value, str):
            _check_format(value)
        elif name == "trim" and size(_argument(apply, "chars", args, kwargs, None)) > MAX_TRIM_CHARS:
            raise SecurityError(f"the trim filter strips at most {MAX_TRIM_CHARS} different characters")
        if name in SLOW_FILTERS and size(value) > SLOW_FILTERS[name]:
            raise SecurityError(f"the {name} filter takes text of at most {SLOW_FILTERS[name]:,} characters")
        elif name == "sum" and not isinstance(_argument(apply, "start", args, kwargs, 0), (int, float)):
            raise SecurityError("the sum filter adds numbers only")  # adding lists takes quadratic time
        return checked(apply(*args, **kwargs))

    return sized


def _spent_test(test):
    """Return test `test` counting each use as a step (select and reject use one per item)."""

    @functools.wraps(test)
    def spent(*args, **kwargs):
        _budget.get().spend()
        return test(*args, **kwargs)

    return spent


def _argument(function, name: str, args: tuple, kwargs: dict, default):
    """Return the value that a call of `function` with `args` and `kwargs` gives its parameter `name`."""
    return inspect.signature(function).bind(*args, **kwargs).arguments.get(name, default)


class ThemeLoader(FileSystemLoader):
    """Load templates only from regular UTF-8 files inside the theme folders, symlinks resolved."""

    def __init__(self, folders: tuple[Path, ...]):
        super().__init__([str(f) for f in folders])
        self.roots = tuple(f.resolve() for f in folders)
        self.files: set[str] = set()  # every template file loaded: frames of these are template code

    def get_source(self, environment, template: str):
        try:
            pieces = split_template_path(template)
        except TemplateNotFound:  # a '..' in the name
            raise TemplateNotFound(template, f"'{template}' leads outside the theme folders") from None
        for folder in self.searchpath:
            path = Path(folder).joinpath(*pieces)
            if not (path.is_file() or path.is_symlink()):
                continue
            real = path.resolve()
            if not any(real.is_relative_to(root) for root in self.roots):
                raise TemplateNotFound(template, f"'{template}' leads outside the theme folders")
            if not real.is_file():
                raise TemplateNotFound(template, f"'{template}' is not a regular file")
            return self._read(path, real, template)
        raise TemplateNotFound(template, f"'{template}' is not in the theme folders")

    def _read(self, path: Path, real: Path, template: str):
        """Return the source of a template file, which must be a regular file of UTF-8 text of reasonable size."""
        try:
            source = read_text(real)
        except DeckError as error:
            problem = error.problems[0]
            line = problem.pos.line if problem.pos else 0
            raise TemplateSyntaxError(problem.message, line, template, str(path)) from None
        self.files.add(str(path))
        mtime = real.stat().st_mtime

        def uptodate() -> bool:
            try:
                return real.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate


class ThemeEnvironment(SandboxedEnvironment):
    """jinja2's sandbox with an allow-list of attributes, bounded values and a budget per render."""

    intercepted_binops = frozenset({"*", "+", "%", "**"})

    def __init__(self, folders: tuple[Path, ...], filters: dict | None = None, **options):
        """Make the environment, with the caller's own `filters` bounded as jinja2's are."""
        super().__init__(loader=ThemeLoader(folders), autoescape=True, undefined=StrictUndefined, **options)
        self.globals.clear()
        self.globals["range"] = _range
        for name in NONDETERMINISTIC_FILTERS:
            del self.filters[name]
        self.filters.update(filters or {})
        for name, apply in self.filters.items():
            self.filters[name] = _sized_filter(name, apply)
        for name, test in self.tests.items():
            self.tests[name] = _spent_test(test)
        # the budget's own filters, which the parser puts in every template (see _parse)
        self.filters.update(_counted=_counted, _written=_written, _concat=_concat)

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, (str, list, tuple, dict)):
            return attr in SAFE_METHODS
        if isinstance(obj, LoopContext):
            return attr in LOOP_ATTRIBUTES
        return isinstance(obj, TemplateModule)  # the macros of an {% import %}

    def wrap_str_format(self, value):
        return None  # str.format is not on the allow-list at all

    def unsafe_undefined(self, obj, attribute: str):
        raise SecurityError(f"{type(obj).__name__}.{attribute} is not available to templates")

    def getattr(self, obj, attribute: str):
        if isinstance(obj, dict) and attribute in obj:  # data keys such as `items` win over methods
            return obj[attribute]
        return super().getattr(obj, attribute)

    def call(self, context, obj, /, *args, **kwargs):
        _budget.get().spend()
        return checked(super().call(context, obj, *args, **kwargs))

    def call_binop(self, context, op: str, left, right):
        _budget.get().spend()
        return checked(_binop(op, left, right))

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        """Compile a template; any failure (such as nesting too deep for Python) is a template error."""
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except TemplateError:
            raise
        except (RecursionError, MemoryError, SyntaxError) as error:
            message = f"the template is nested too deeply to compile ({type(error).__name__})"
            raise TemplateSyntaxError(message, 0, name, filename) from None
        except Exception as error:  # noqa: BLE001 -- jinja's lexer raises ValueError for a number of 5,000 digits
            message = f"the template cannot be compiled: {str(error).split(';')[0] or type(error).__name__}"
            raise TemplateSyntaxError(message, 0, name, filename) from None

    def handle_exception(self, source=None):
        """Raise a render's error at the template's lines; running out of stack or memory is the template's."""
        try:
            super().handle_exception(source)
        except RecursionError as error:
            raise TemplateRuntimeError(RECURSION).with_traceback(error.__traceback__) from None
        except MemoryError as error:
            message = "the template needs more memory than there is"
            raise TemplateRuntimeError(message).with_traceback(error.__traceback__) from None

    def _parse(self, source, name, filename):
        """Parse a template and route its loops, `~` and output through the budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = self._call("_counted", loop.iter)
        for concat in tree.find_all(nodes.Concat):
            concat.nodes = [self._call("_concat", nodes.Tuple(concat.nodes, "load", lineno=concat.lineno))]
        for output in tree.find_all(nodes.Output):
            literal = sum(len(n.data) for n in output.nodes if isinstance(n, nodes.TemplateData))
            output.nodes = [
                n if isinstance(n, nodes.TemplateData) else self._call("_written", n) for n in output.nodes
            ]
            if literal:
                output.nodes.append(
                    self._call("_written", nodes.Const("", lineno=output.lineno), nodes.Const(literal))
                )
        return tree

    def _call(self, helper: str, value: nodes.Expr, *args: nodes.Expr) -> nodes.Filter:
        """Return `value` passed through one of the budget's filters (cheaper than a call; never folded)."""
        call = nodes.Filter(value, helper, list(args), [], None, None, lineno=value.lineno)
        call.set_environment(self)
        return call


def template_frame(error: BaseException, loader: ThemeLoader) -> tuple[Path, int] | None:
    """Return the file and line of the template code that caused `error`, or None if it did not.

    An error raised inside deckbuilder's own code (this module excepted: it runs the template's
    operations) is a bug, unless it is a template error.
    """
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return Path(error.filename), error.lineno
    found, innermost = None, None
    tb = error.__traceback__
    while tb is not None:
        innermost = tb.tb_frame.f_code.co_filename
        if innermost in loader.files:
            found = (Path(innermost), tb.tb_lineno)
        tb = tb.tb_next
    ours = innermost is not None and Path(innermost).is_relative_to(PACKAGE) and innermost != __file__
    if ours and not isinstance(error, TemplateError):
        return None
    return found
