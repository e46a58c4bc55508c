"""Collect the translatable strings of ui/ (every module, sub-packages included) with the context each one is
looked up in at runtime, by reading the source with `ast`.

What counts as a translation call:
- a module's own wrapper: any function whose body is `return QCoreApplication.translate("ctx", <its parameter>)`
  (`_t` in most modules; context "Dialogs" for ui/dialogs/, "MainWindow", "LoginDialog", …);
- `QCoreApplication.translate("ctx", "…")`, `tr("ctx", "…")` and `QT_TRANSLATE_NOOP("ctx", "…")` (ui/i18n.py);
- `self.tr("…")`: PySide6 looks it up in the context of the object's *runtime* class name, so the text is
  collected for the enclosing class and for every ui/ class derived from it;
- functions that hand one of their parameters to a translation call (`act(name, caption, …)` in the main window,
  `open_admin(part)`), called with a literal;
- a call whose text is not a literal but a loop variable or subscript over a table (`for key, caption in QUICK:
  _t(caption)`, `_t(CLOSE_HINTS[m])`, `[_t(h) for h in audit.CSV_HEADER]`): every Chinese string of that table
  (module constant, inline literal, or a constant of an imported module) is collected;
- the domain labels (enums, workflow actions) in the "domain" context (`ui.i18n.label` / `tr("domain", …)`).

`scan()` also reports what it could not follow (a dynamic text it cannot resolve) and the Chinese literals of ui/
that no translation call reaches ("unwrapped"), so build.py can tell about them.
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

CJK = re.compile(r"[\u4e00-\u9fff]")
#: wrappers every module may import from ui/i18n.py: name → index of the context argument
SHARED = {"tr": 0, "QT_TRANSLATE_NOOP": 0}
#: the domain strings that are not enum labels but still go through `tr("domain", …)` (case_view relations)
EXTRA_DOMAIN = ("上报", "合并入本案", "本案并入")
_SELF_TR = "\0self.tr\0"  # marks a context still to be expanded to the class and its subclasses


@dataclass
class Scan:
    strings: dict[str, list[str]] = field(default_factory=dict)
    #: "file:line: why" for translation calls whose text could not be resolved
    unresolved: list[str] = field(default_factory=list)
    #: "file:line: text" for Chinese literals no translation call reaches
    unwrapped: list[str] = field(default_factory=list)

    def add(self, ctx: str, text: str) -> None:
        lst = self.strings.setdefault(ctx, [])
        if text not in lst:
            lst.append(text)


@dataclass
class _Module:
    path: Path
    tree: ast.Module
    parents: dict[ast.AST, ast.AST]
    #: local wrapper name → context (fixed) — `def _t(text): return QCoreApplication.translate("ctx", text)`
    wrappers: dict[str, str] = field(default_factory=dict)
    #: module constants: name → value expression
    constants: dict[str, ast.expr] = field(default_factory=dict)
    #: imported modules: alias → dotted name
    imports: dict[str, str] = field(default_factory=dict)

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


def _str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _callee(call: ast.Call) -> str:
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


def _is_translate(call: ast.Call) -> bool:
    """`QCoreApplication.translate(…)` / `QApplication.translate(…)` (not `str.translate`)."""
    f = call.func
    return (
        isinstance(f, ast.Attribute)
        and f.attr == "translate"
        and isinstance(f.value, ast.Name)
        and f.value.id in {"QCoreApplication", "QApplication", "QGuiApplication"}
    )


def _load(path: Path) -> _Module:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parents = {c: n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    mod = _Module(path, tree, parents)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and len(node.body) >= 1:
            ret = node.body[-1]
            params = [a.arg for a in node.args.args]
            if (
                isinstance(ret, ast.Return)
                and isinstance(ret.value, ast.Call)
                and _is_translate(ret.value)
                and len(ret.value.args) == 2
                and _str(ret.value.args[0]) is not None
                and isinstance(ret.value.args[1], ast.Name)
                and ret.value.args[1].id in params
            ):
                mod.wrappers[node.name] = _str(ret.value.args[0]) or ""
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    mod.constants[t.id] = node.value
        elif isinstance(node, ast.Import):
            for a in node.names:
                mod.imports[a.asname or a.name] = a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                mod.imports[a.asname or a.name] = f"{node.module}.{a.name}"
    # imports inside functions (`from console.security import audit as audit_mod`) count too
    for inner in ast.walk(tree):
        if isinstance(inner, ast.ImportFrom) and inner.module and inner.level == 0:
            for a in inner.names:
                mod.imports.setdefault(a.asname or a.name, f"{inner.module}.{a.name}")
    return mod


def _enclosing(mod: _Module, node: ast.AST, kinds: tuple[type, ...]) -> ast.AST | None:
    p = mod.parents.get(node)
    while p is not None and not isinstance(p, kinds):
        p = mod.parents.get(p)
    return p


def _runtime_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if CJK.search(value):
            yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _runtime_strings(k)
            yield from _runtime_strings(v)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _runtime_strings(v)


def _literal_strings(node: ast.AST) -> list[str]:
    return [
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
    ]


class _Extractor:
    def __init__(self, modules: list[_Module]) -> None:
        self.modules = modules
        self.scan = Scan()
        self.reached: set[int] = set()  # id() of string constants some translation call reaches
        # class name → names of ui/ classes derived from it (for self.tr)
        bases: dict[str, set[str]] = {}
        for m in modules:
            for n in ast.walk(m.tree):
                if isinstance(n, ast.ClassDef):
                    for b in n.bases:
                        name = (
                            b.id
                            if isinstance(b, ast.Name)
                            else b.attr
                            if isinstance(b, ast.Attribute)
                            else ""
                        )
                        bases.setdefault(name, set()).add(n.name)
        self.derived = bases

    def _classes(self, name: str) -> list[str]:
        out, todo = [name], [name]
        while todo:
            for sub in sorted(self.derived.get(todo.pop(), ())):
                if sub not in out:
                    out.append(sub)
                    todo.append(sub)
        return out

    # --- resolving a non-literal text -------------------------------------------------------------------------

    def _table(self, mod: _Module, expr: ast.expr, where: str) -> Sequence[ast.AST | str] | None:
        """The node (or runtime strings) a loop/subscript text comes from."""
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.args:
            if expr.func.id in {"enumerate", "sorted", "reversed", "list", "tuple", "zip"}:
                return self._table(mod, expr.args[0], where)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
            if expr.func.attr in {"items", "values", "keys"}:
                return self._table(mod, expr.func.value, where)
            if expr.func.attr == "get":  # {…}.get(key)
                return self._table(mod, expr.func.value, where)
        if isinstance(expr, ast.Tuple | ast.List | ast.Dict | ast.Set):
            return [expr]
        if isinstance(expr, ast.Name):
            if expr.id in mod.constants:
                return [mod.constants[expr.id]]
            if expr.id in mod.imports:
                return self._imported(mod.imports[expr.id])
        if (
            isinstance(expr, ast.Attribute)
            and isinstance(expr.value, ast.Name)
            and expr.value.id in mod.imports
        ):
            return self._imported(f"{mod.imports[expr.value.id]}.{expr.attr}")
        return None

    @staticmethod
    def _imported(dotted: str) -> list[str] | None:
        module, _, name = dotted.rpartition(".")
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        try:
            value = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            try:
                value = importlib.import_module(dotted)
            except ImportError:
                return None
        return list(_runtime_strings(value))

    def _binding(self, mod: _Module, name: str, at: ast.AST) -> ast.expr | None:
        """The iterable a loop/comprehension variable `name` (seen at `at`) walks over, if any."""
        p: ast.AST | None = at
        while p is not None:
            p = mod.parents.get(p)
            gens: list[ast.comprehension] = []
            if isinstance(p, ast.For):
                gens = [ast.comprehension(target=p.target, iter=p.iter, ifs=[], is_async=0)]
            elif isinstance(p, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
                gens = p.generators
            for g in gens:
                if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(g.target)):
                    return g.iter
        return None

    def text_of(self, mod: _Module, ctx: str, expr: ast.expr, call: ast.Call) -> None:
        text = _str(expr)
        if text is not None:
            self.scan.add(ctx, text)
            self.reached.add(id(expr))
            return
        if isinstance(expr, ast.JoinedStr):
            self.scan.unresolved.append(f"{mod.rel}:{call.lineno}: f-string text (cannot be translated)")
            return
        if isinstance(expr, ast.IfExp):
            self.text_of(mod, ctx, expr.body, call)
            self.text_of(mod, ctx, expr.orelse, call)
            return
        source: ast.expr | None = None
        while isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Subscript | ast.Name):
            expr = expr.value  # COLUMNS[section].title, row.caption: the strings of the table
        if isinstance(expr, ast.Name):
            source = self._binding(mod, expr.id, call)
        elif isinstance(expr, ast.Subscript):
            source = expr.value
        table = self._table(mod, source, mod.rel) if source is not None else None
        if table is None:
            if not (ctx == "domain" or self._param_of(mod, expr, call)):
                self.scan.unresolved.append(
                    f"{mod.rel}:{call.lineno}: text `{ast.unparse(expr)}` in context {ctx!r} not resolved"
                )
            return
        for item in table:
            if isinstance(item, str):
                self.scan.add(ctx, item)
            else:
                for n in ast.walk(item):
                    if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value):
                        self.scan.add(ctx, n.value)
                        self.reached.add(id(n))

    def _param_of(self, mod: _Module, expr: ast.expr, call: ast.Call) -> bool:
        """True when `expr` is a parameter of an enclosing function (its callers are followed instead)."""
        if not isinstance(expr, ast.Name):
            return False
        p = _enclosing(mod, call, (ast.FunctionDef, ast.Lambda))
        while p is not None:
            if isinstance(p, ast.FunctionDef | ast.Lambda) and expr.id in [a.arg for a in p.args.args]:
                return True
            p = _enclosing(mod, p, (ast.FunctionDef, ast.Lambda))
        return False

    # --- the walk ---------------------------------------------------------------------------------------------

    def run(self) -> Scan:
        for mod in self.modules:
            forwarders = self._forwarders(mod)
            for node in ast.walk(mod.tree):
                if isinstance(node, ast.Call):
                    self._call(mod, node, forwarders)
        self._unwrapped()
        return self.scan

    def _forwarders(self, mod: _Module) -> dict[str, tuple[str, str, bool]]:
        """Functions passing a parameter to a fixed-context translation call: name → (param, context, method)."""
        out: dict[str, tuple[str, str, bool]] = {}
        for node in ast.walk(mod.tree):
            if not isinstance(node, ast.Call):
                continue
            found = self._fixed(mod, node)
            if found is None or not isinstance(found[1], ast.Name):
                continue
            ctx, arg = found[0], found[1]
            fn = _enclosing(mod, node, (ast.FunctionDef,))
            while isinstance(fn, ast.FunctionDef):
                params = [a.arg for a in fn.args.args]
                if arg.id in params and fn.name not in mod.wrappers:
                    out[fn.name] = (arg.id, ctx, bool(params) and params[0] in {"self", "cls"})
                    break
                fn = _enclosing(mod, fn, (ast.FunctionDef,))
        return out

    def _fixed(self, mod: _Module, call: ast.Call) -> tuple[str, ast.expr] | None:
        """(context, text expression) of a translation call whose context is known, else None."""
        name = _callee(call)
        if isinstance(call.func, ast.Name) and name in mod.wrappers and call.args:
            return mod.wrappers[name], call.args[0]
        if (_is_translate(call) or (isinstance(call.func, ast.Name) and name in SHARED)) and len(
            call.args
        ) >= 2:
            ctx = _str(call.args[0])
            if ctx is not None:
                return ctx, call.args[1]
        if isinstance(call.func, ast.Attribute) and name == "tr" and len(call.args) == 1:
            owner = _enclosing(mod, call, (ast.ClassDef,))
            if isinstance(owner, ast.ClassDef):
                return _SELF_TR + owner.name, call.args[0]
        return None

    def _call(self, mod: _Module, call: ast.Call, forwarders: dict[str, tuple[str, str, bool]]) -> None:
        found = self._fixed(mod, call)
        if found is not None:
            self._emit(mod, found[0], found[1], call)
            return
        name = _callee(call)
        if name not in forwarders:
            return
        param, ctx, method = forwarders[name]
        fn = next(n for n in ast.walk(mod.tree) if isinstance(n, ast.FunctionDef) and n.name == name)
        params = [a.arg for a in fn.args.args]
        index = params.index(param) - (1 if method and isinstance(call.func, ast.Attribute) else 0)
        arg: ast.expr | None = call.args[index] if 0 <= index < len(call.args) else None
        for kw in call.keywords:
            if kw.arg == param:
                arg = kw.value
        if arg is not None:
            self._emit(mod, ctx, arg, call)

    def _emit(self, mod: _Module, ctx: str, expr: ast.expr, call: ast.Call) -> None:
        if ctx.startswith(_SELF_TR):  # self.tr: the class and every class derived from it
            for cls in self._classes(ctx.removeprefix(_SELF_TR)):
                self.text_of(mod, cls, expr, call)
        else:
            self.text_of(mod, ctx, expr, call)

    def _unwrapped(self) -> None:
        for mod in self.modules:
            for n in ast.walk(mod.tree):
                if not (isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)):
                    continue
                if id(n) in self.reached or isinstance(mod.parents.get(n), ast.Expr):  # docstrings
                    continue
                self.scan.unwrapped.append(f"{mod.rel}:{n.lineno}: {n.value!r}")


def scan() -> Scan:
    modules = [_load(p) for p in sorted(UI.rglob("*.py"))]
    result = _Extractor(modules).run()
    for t in domain_strings():
        result.add("domain", t)
    return result


def ui_strings() -> dict[str, list[str]]:
    """Context → source texts, in first-seen order."""
    return scan().strings


def domain_strings() -> list[str]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from console import domain
    from console.workflow import machine

    texts: list[str] = []
    for name in dir(domain):
        obj = getattr(domain, name)
        if isinstance(obj, type) and issubclass(obj, domain.Labeled) and obj is not domain.Labeled:
            texts.extend(m.label for m in obj)
    texts.extend(t.label for t in machine.TRANSITIONS.values())
    texts.extend(EXTRA_DOMAIN)
    return list(dict.fromkeys(texts))


if __name__ == "__main__":
    s = scan()
    for ctx, items in s.strings.items():
        for t in items:
            print(f"{ctx}\t{t!r}")
    for u in s.unresolved:
        print(f"unresolved\t{u}")
    for u in s.unwrapped:
        print(f"unwrapped\t{u}")
