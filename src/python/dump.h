#pragma once

// A compact S-expression rendering of syntax trees, for tests and debugging.
//
// Expressions: names and numbers as written, strings quoted ("a\n", b"x", f"{x}"), None, True,
// False, ..., and `(op operands...)` forms: (. value attr), (call f args... key=value **kw),
// (sub value index), (slice lower upper step) with _ for a missing part, (tuple ...), (list ...),
// (set ...), (dict (: k v) (** d)), (- x), (not x), (+ a b), (and a b), (cmp a < b not in c),
// (if test body orelse), (* x), (** x), (lambda (params) body),
// (listcomp|setcomp|genexp element (for target iter (if cond)...)...), (dictcomp key value ...).
// Statements: pass, break, continue, (expr e), (= targets... value), (ann target type [value]),
// (+= target value), (return [e]), (raise [e [from c]]), (assert t [msg]), (del ...),
// (global ...), (nonlocal ...), (import a.b:alias c), (from ..mod import a:alias b),
// (if test [body] [orelse]), (for target iter [body] [orelse]), (while test [body] [orelse]),
// (try [body] (except type as name [body]) (else [body]) (finally [body])),
// (with (as ctx target) ctx [body]), (def name (params) -> returns @decorator [body]),
// (class Name (bases keywords) @decorator [body]); `async` prefixes async forms. Parameters:
// name, name:annotation, name=default, *args, **kwargs, * alone, and / after positional-only ones.

#include <string>

#include "python/ast.h"

namespace asq::py {

/// One expression as an S-expression.
std::string dump(const Expr& expr);
/// One statement as an S-expression, bodies in brackets.
std::string dump(const Stmt& stmt);
/// The module's statements, one per line.
std::string dump(const Module& module);

}  // namespace asq::py
