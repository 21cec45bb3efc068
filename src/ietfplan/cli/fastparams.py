"""Command-line values without pydantic: a start-up measure for typer >= 0.2x.

Recent typer coerces every option value through a pydantic ``TypeAdapter``; for
``ietfplan today --topic iot`` that imports pydantic and builds nine schemas, about
half of the run (measured in bench/startup.py, see docs/performance.md).  Our options
only use ``str``, ``int``, ``float``, ``bool``, ``Enum`` and lists of these, which need no
schema: this module coerces those directly, with typer's own choice checking and
messages, and leaves every other annotation to typer.

It relies on two typer internals (``typer.core._TyperParameter.get_runtime_param``
and ``typer._coercion.RuntimeParam``); with a typer that has neither (older ones
use click types, which are fast already), ``install()`` does nothing.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, get_args, get_origin


def _leaf_ok(annotation: Any) -> bool:
    return annotation in (str, int, float, bool) or (isinstance(annotation, type) and issubclass(annotation, Enum))


def simple_annotation(annotation: Any) -> bool:
    """True for the annotations coerced here: str, int, float, bool, Enum, lists of these."""
    if get_origin(annotation) is list:
        args = get_args(annotation)
        return len(args) == 1 and _leaf_ok(args[0])
    return _leaf_ok(annotation)


def install() -> bool:
    """Patch typer's parameter coercion for simple annotations; False if not applicable."""
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
        from typer._param_types import coerce_cli_choice
    except ImportError:
        return False
    param_cls = getattr(core, "_TyperParameter", None)
    runtime_cls = getattr(_coercion, "RuntimeParam", None)
    original = getattr(param_cls, "get_runtime_param", None)
    if param_cls is None or runtime_cls is None or original is None:
        return False
    if getattr(original, "_ietfplan_fast", False):
        return True

    # A subclass of typer's frozen dataclass that only adds methods: it inherits the
    # fields, __init__, equality and freezing, so it needs no @dataclass of its own
    # (which would generate all of them again, ~0.8 ms of every start-up).
    class SimpleRuntimeParam(runtime_cls):  # type: ignore[misc, valid-type]
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation: Any = self.annotation
            if get_origin(annotation) is list:
                leaf = get_args(annotation)[0]
                return [self._leaf(leaf, v, param, ctx) for v in value]
            return self._leaf(annotation, value, param, ctx)

        def _leaf(self, annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
            if annotation is str:
                return value if isinstance(value, str) else str(value)
            if annotation is bool:
                if isinstance(value, bool):
                    return value
                word = str(value).strip().lower()
                if word in ("1", "true", "yes", "y", "on", "t"):
                    return True
                if word in ("0", "false", "no", "n", "off", "f", ""):
                    return False
                raise BadParameter(f"'{value}' is not a valid boolean.", ctx=ctx, param=param)
            if annotation is int:
                if isinstance(value, int):
                    return value
                try:
                    return int(str(value).strip())
                except ValueError:
                    raise BadParameter(f"'{value}' is not a valid integer.", ctx=ctx, param=param) from None
            if annotation is float:
                try:
                    return float(str(value).strip())
                except ValueError:
                    raise BadParameter(f"'{value}' is not a valid float.", ctx=ctx, param=param) from None
            try:
                return coerce_cli_choice(value, choices=list(annotation),
                                         case_sensitive=self.parameter_info.case_sensitive, ctx=ctx)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None and simple_annotation(self.type_descriptor.annotation):
            self._runtime_param = SimpleRuntimeParam(
                parameter_info=self.type_descriptor.parameter_info,
                annotation=self.type_descriptor.annotation,
            )
        return original(self)

    get_runtime_param._ietfplan_fast = True  # type: ignore[attr-defined]
    param_cls.get_runtime_param = get_runtime_param
    return True
