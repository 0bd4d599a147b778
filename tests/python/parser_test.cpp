#include "python/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "python/dump.h"

namespace asq::py {
namespace {

/// The module parsed from `source`, one dumped statement per line.
std::string parse(std::string_view source, ParseOptions options = {}) {
  return dump(parse_module(source, "x.py", options));
}

/// The expression parsed from `source`, dumped.
std::string expr(std::string_view source) { return dump(*parse_expression(source, "x.py")); }

std::string position(const Position& at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

// ---- expressions ----

TEST(Parser, ReadsAtoms) {
  EXPECT_EQ(expr("name"), "name");
  EXPECT_EQ(expr("0x1F"), "0x1F");
  EXPECT_EQ(expr("2.5e-3j"), "2.5e-3j");
  EXPECT_EQ(expr("None, True, False, ..."), "(tuple None True False ...)");
}

TEST(Parser, ConcatenatesAdjacentStringLiterals) {
  EXPECT_EQ(expr("'a' \"b\" '''c'''\n"), "\"abc\"");
  EXPECT_EQ(expr("('one '\n 'two')"), "\"one two\"");
  EXPECT_EQ(expr("b'x' B'\\x00'"), "b\"x\\x00\"");
}

TEST(Parser, KeepsFStringsAsWrittenAndFlagsThem) {
  EXPECT_EQ(expr("'id: ' f'{x!r}' '.'"), "f\"id: {x!r}.\"");
  // The braces of a plain literal joined to an f-string are text (doubled in the template).
  EXPECT_EQ(expr("'{}' f'{x}' '{y}'"), "f\"{{}}{x}{{y}}\"");
}

TEST(Parser, ReadsTuplesWithAndWithoutParentheses) {
  EXPECT_EQ(expr("()"), "(tuple)");
  EXPECT_EQ(expr("(x,)"), "(tuple x)");
  EXPECT_EQ(expr("x,"), "(tuple x)");
  EXPECT_EQ(expr("(x)"), "x");
  EXPECT_EQ(expr("a, (b, c), *d"), "(tuple a (tuple b c) (* d))");
}

TEST(Parser, ReadsListsSetsAndDicts) {
  EXPECT_EQ(expr("[]"), "(list)");
  EXPECT_EQ(expr("[1, *a, 2,]"), "(list 1 (* a) 2)");
  EXPECT_EQ(expr("{}"), "(dict)");
  EXPECT_EQ(expr("{'a': 1, **b, c: d,}"), "(dict (: \"a\" 1) (** b) (: c d))");
  EXPECT_EQ(expr("{**b}"), "(dict (** b))");
  EXPECT_EQ(expr("{1, *a}"), "(set 1 (* a))");
}

TEST(Parser, ReadsComprehensions) {
  EXPECT_EQ(expr("[x * 2 for x in xs if x if not y]"),
            "(listcomp (* x 2) (for x xs (if x) (if (not y))))");
  EXPECT_EQ(expr("{k: v for k, v in d.items() for z in v}"),
            "(dictcomp k v (for (tuple k v) (call (. d items))) (for z v))");
  EXPECT_EQ(expr("{x for x in a or b}"), "(setcomp x (for x (or a b)))");
  EXPECT_EQ(expr("(c.name for c in cols)"), "(genexp (. c name) (for c cols))");
}

TEST(Parser, ReadsGeneratorAsSoleCallArgument) {
  EXPECT_EQ(expr("sum(x for x in y)"), "(call sum (genexp x (for x y)))");
}

TEST(Parser, ReadsCallArgumentsOfEveryKind) {
  EXPECT_EQ(expr("f()"), "(call f)");
  EXPECT_EQ(expr("f(a, *b, c=1, *d, **e, g=2,)"), "(call f a (* b) (* d) c=1 **e g=2)");
}

TEST(Parser, ReadsAttributesSubscriptsAndSlices) {
  EXPECT_EQ(expr("a.b.c(d)[0]"), "(sub (call (. (. a b) c) d) 0)");
  EXPECT_EQ(expr("a[1:2]"), "(sub a (slice 1 2 _))");
  EXPECT_EQ(expr("a[::2, :, x:]"), "(sub a (tuple (slice _ _ 2) (slice _ _ _) (slice x _ _)))");
  EXPECT_EQ(expr("Union[str, None]"), "(sub Union (tuple str None))");
  EXPECT_EQ(expr("a[b,]"), "(sub a (tuple b))");
}

TEST(Parser, AppliesArithmeticPrecedence) {
  EXPECT_EQ(expr("a + b * c - d"), "(- (+ a (* b c)) d)");
  EXPECT_EQ(expr("a | b ^ c & d << e + f"), "(| a (^ b (& c (<< d (+ e f)))))");
  EXPECT_EQ(expr("a // b % c @ d / e"), "(/ (@ (% (// a b) c) d) e)");
  EXPECT_EQ(expr("(a + b) * c"), "(* (+ a b) c)");
}

TEST(Parser, BindsPowerTighterThanUnaryOnItsLeft) {
  EXPECT_EQ(expr("-a ** -b"), "(- (** a (- b)))");
  EXPECT_EQ(expr("a ** b ** c"), "(** a (** b c))");
  EXPECT_EQ(expr("~+x"), "(~ (+ x))");
}

TEST(Parser, ReadsAwaitAsUnary) { EXPECT_EQ(expr("await f() ** 2"), "(** (await (call f)) 2)"); }

TEST(Parser, ChainsComparisons) {
  EXPECT_EQ(expr("a < b <= c == d != e > f >= g"), "(cmp a < b <= c == d != e > f >= g)");
  EXPECT_EQ(expr("a in b not in c is d is not e"), "(cmp a in b not in c is d is not e)");
}

TEST(Parser, AppliesBooleanPrecedence) {
  EXPECT_EQ(expr("a or b and not c or d"), "(or a (and b (not c)) d)");
  EXPECT_EQ(expr("not a == b"), "(not (cmp a == b))");
}

TEST(Parser, ReadsConditionalExpressions) {
  EXPECT_EQ(expr("a if b else c if d else e"), "(if b a (if d c e))");
  EXPECT_EQ(expr("x or y if t else z"), "(if t (or x y) z)");
}

TEST(Parser, ReadsLambdas) {
  EXPECT_EQ(expr("lambda: 0"), "(lambda () 0)");
  EXPECT_EQ(expr("lambda x, y=1, *a, k, **kw: x if y else k"),
            "(lambda (x y=1 *a k **kw) (if y x k))");
  EXPECT_EQ(expr("sorted(xs, key=lambda c: c.name)"),
            "(call sorted xs key=(lambda (c) (. c name)))");
}

TEST(Parser, RecordsExpressionPositions) {
  ExprPtr call = parse_expression("op.add_column('t',\n    sa.Column('c', x + y))", "x.py");
  EXPECT_EQ(position(call->position), "1:1");
  const Call& outer = std::get<Call>(call->node);
  EXPECT_EQ(position(outer.func->position), "1:1");
  EXPECT_EQ(position(outer.args[0]->position), "1:15");
  EXPECT_EQ(position(outer.args[1]->position), "2:5");
  const Call& inner = std::get<Call>(outer.args[1]->node);
  EXPECT_EQ(position(inner.args[1]->position), "2:20");
  const Binary& sum = std::get<Binary>(inner.args[1]->node);
  EXPECT_EQ(position(sum.right->position), "2:24");
}

TEST(Parser, RecordsKeywordAndParenthesizedPositions) {
  ExprPtr call = parse_expression("f(a, key=(1, 2), **rest)", "x.py");
  const Call& node = std::get<Call>(call->node);
  EXPECT_EQ(position(node.keywords[0].position), "1:6");
  EXPECT_EQ(position(node.keywords[0].value->position), "1:10");
  EXPECT_EQ(position(node.keywords[1].position), "1:18");
}

// ---- statements ----

TEST(Parser, ReadsImports) {
  EXPECT_EQ(parse("import os\nimport sqlalchemy as sa, a.b.c as d, e.f\n"),
            "(import os)\n(import sqlalchemy:sa a.b.c:d e.f)\n");
}

TEST(Parser, ReadsFromImports) {
  EXPECT_EQ(parse("from alembic import op\n"
                  "from sqlalchemy.dialects import postgresql as pg, mysql\n"
                  "from . import models\n"
                  "from ...pkg.sub import (a,\n    b as c,\n)\n"
                  "from .x import *\n"),
            "(from alembic import op)\n"
            "(from sqlalchemy.dialects import postgresql:pg mysql)\n"
            "(from . import models)\n"
            "(from ...pkg.sub import a b:c)\n"
            "(from .x import *)\n");
}

TEST(Parser, CountsRelativeImportLevel) {
  Module module = parse_module("from ....a import b\n", "x.py");
  const Import& import = std::get<Import>(module.body[0]->node);
  EXPECT_TRUE(import.is_from);
  EXPECT_EQ(import.level, 4);
  EXPECT_EQ(import.module, "a");
}

TEST(Parser, ReadsAssignments) {
  EXPECT_EQ(parse("a = 1\na = b = c\na, *b = c, d = f()\n[x, y] = z\na.b[0] = 1\n"),
            "(= a 1)\n(= a b c)\n(= (tuple a (* b)) (tuple c d) (call f))\n"
            "(= (list x y) z)\n(= (sub (. a b) 0) 1)\n");
}

TEST(Parser, ReadsAnnotatedAssignments) {
  EXPECT_EQ(parse("revision: str = 'abc'\n"
                  "down_revision: Union[str, Sequence[str], None] = None\n"
                  "x: int\n"
                  "self.y: List[int] = []\n"),
            "(ann revision str \"abc\")\n"
            "(ann down_revision (sub Union (tuple str (sub Sequence str) None)) None)\n"
            "(ann x int)\n"
            "(ann (. self y) (sub List int) (list))\n");
}

TEST(Parser, ReadsAugmentedAssignments) {
  EXPECT_EQ(parse("a += 1\nb -= 1\nc *= 2\nd /= 2\ne //= 2\nf %= 2\ng **= 2\nh @= m\n"
                  "i &= 1\nj |= 1\nk ^= 1\nl <<= 1\nm >>= 1\n"),
            "(+= a 1)\n(-= b 1)\n(*= c 2)\n(/= d 2)\n(//= e 2)\n(%= f 2)\n(**= g 2)\n(@= h m)\n"
            "(&= i 1)\n(|= j 1)\n(^= k 1)\n(<<= l 1)\n(>>= m 1)\n");
}

TEST(Parser, SeparatesSimpleStatementsWithSemicolons) {
  EXPECT_EQ(parse("a = 1; b = 2;\nc()\n"), "(= a 1)\n(= b 2)\n(expr (call c))\n");
}

TEST(Parser, ReadsFunctionDefinitions) {
  EXPECT_EQ(parse("def upgrade() -> None:\n    pass\n"), "(def upgrade () -> None [pass])\n");
  EXPECT_EQ(parse("def f(a, b: int = 1, /, c=2, *args, d, e: str = 'x', **kw):\n    return a\n"),
            "(def f (a b:int=1 / c=2 *args d e:str=\"x\" **kw) [(return a)])\n");
  EXPECT_EQ(parse("def g(*, key): return key\n"), "(def g (* key) [(return key)])\n");
}

TEST(Parser, MarksPositionalOnlyParameters) {
  Module module = parse_module("def f(a, b, /, c): pass\n", "x.py");
  const FunctionDef& def = std::get<FunctionDef>(module.body[0]->node);
  ASSERT_EQ(def.parameters.size(), 3u);
  EXPECT_TRUE(def.parameters[1].positional_only);
  EXPECT_FALSE(def.parameters[2].positional_only);
  EXPECT_EQ(position(def.parameters[2].position), "1:16");
}

TEST(Parser, ReadsDecoratorsAndAsyncFunctions) {
  EXPECT_EQ(parse("@a\n@b.c(1)\nasync def f():\n    await g()\n"),
            "(async def f () @a @(call (. b c) 1) [(expr (await (call g)))])\n");
}

TEST(Parser, PlacesDecoratedFunctionAtItsDef) {
  Module module = parse_module("@decorator\ndef f(): pass\n", "x.py");
  EXPECT_EQ(position(module.body[0]->position), "2:1");
}

TEST(Parser, ReadsClasses) {
  EXPECT_EQ(parse("@dataclass\nclass A(B, metaclass=M):\n    x: int = 0\n    def f(self): pass\n"),
            "(class A (B metaclass=M) @dataclass [(ann x int 0) (def f (self) [pass])])\n");
  EXPECT_EQ(parse("class C: pass\n"), "(class C () [pass])\n");
}

TEST(Parser, ReadsIfElifElse) {
  EXPECT_EQ(parse("if a:\n    x\nelif b:\n    y\nelif c: z\nelse:\n    w\n"),
            "(if a [(expr x)] [(if b [(expr y)] [(if c [(expr z)] [(expr w)])])])\n");
}

TEST(Parser, ReadsOneLineSuites) {
  EXPECT_EQ(parse("if x: pass\nwhile y: a = 1; b = 2\n"),
            "(if x [pass])\n(while y [(= a 1) (= b 2)])\n");
}

TEST(Parser, ReadsLoopsWithElse) {
  EXPECT_EQ(parse("for i, (a, b) in enumerate(x):\n    continue\nelse:\n    break\n"),
            "(for (tuple i (tuple a b)) (call enumerate x) [continue] [break])\n");
  EXPECT_EQ(parse("for x in 1, 2:\n    pass\n"), "(for x (tuple 1 2) [pass])\n");
  EXPECT_EQ(parse("while not done:\n    pass\nelse:\n    pass\n"),
            "(while (not done) [pass] [pass])\n");
  EXPECT_EQ(parse("async def f():\n    async for x in y: pass\n"),
            "(async def f () [(async for x y [pass])])\n");
}

TEST(Parser, ReadsTryStatements) {
  EXPECT_EQ(parse("try:\n    a()\nexcept (A, B) as e:\n    pass\nexcept C:\n    pass\n"
                  "except:\n    raise\nelse:\n    b()\nfinally:\n    c()\n"),
            "(try [(expr (call a))] (except (tuple A B) as e [pass]) (except C [pass]) "
            "(except [(raise)]) (else [(expr (call b))]) (finally [(expr (call c))]))\n");
  EXPECT_EQ(parse("try:\n    pass\nfinally:\n    pass\n"), "(try [pass] (finally [pass]))\n");
}

TEST(Parser, ReadsWithStatements) {
  EXPECT_EQ(parse("with op.batch_alter_table('t', schema=None) as batch_op:\n    pass\n"),
            "(with (as (call (. op batch_alter_table) \"t\" schema=None) batch_op) [pass])\n");
  EXPECT_EQ(parse("with a as (b, c), d:\n    pass\n"), "(with (as a (tuple b c)) d [pass])\n");
  EXPECT_EQ(parse("with (open(a) as f,\n      open(b) as g,):\n    pass\n"),
            "(with (as (call open a) f) (as (call open b) g) [pass])\n");
  EXPECT_EQ(parse("with (a, b) as c:\n    pass\n"), "(with (as (tuple a b) c) [pass])\n");
  EXPECT_EQ(parse("with (a):\n    pass\n"), "(with a [pass])\n");
}

TEST(Parser, ReadsSmallStatements) {
  EXPECT_EQ(parse("def f():\n    return\n    return a, *b\n    raise\n    raise E('x') from e\n"
                  "    assert x\n    assert x, 'why'\n    del a, b[0], c.d\n    global g, h\n"
                  "    nonlocal n\n    pass\n"),
            "(def f () [(return) (return (tuple a (* b))) (raise) "
            "(raise (call E \"x\") from e) (assert x) (assert x \"why\") "
            "(del a (sub b 0) (. c d)) (global g h) (nonlocal n) pass])\n");
}

TEST(Parser, RecordsStatementPositions) {
  Module module =
      parse_module("x = 1\nif x:\n    y = 2\ntry:\n    pass\nexcept E:\n    pass\n", "x.py");
  EXPECT_EQ(position(module.body[0]->position), "1:1");
  const If& conditional = std::get<If>(module.body[1]->node);
  EXPECT_EQ(position(conditional.body[0]->position), "3:5");
  const Assign& assign = std::get<Assign>(conditional.body[0]->node);
  EXPECT_EQ(position(assign.value->position), "3:9");
  const Try& attempt = std::get<Try>(module.body[2]->node);
  EXPECT_EQ(position(attempt.handlers[0].position), "6:1");
}

TEST(Parser, FindsTheDocstring) {
  Module module = parse_module("'''Title\n\nBody.'''\nx = 1\n", "x.py");
  ASSERT_NE(docstring(module), nullptr);
  EXPECT_EQ(docstring(module)->value, "Title\n\nBody.");
  EXPECT_EQ(docstring(parse_module("x = 1\n'not a docstring'\n", "x.py")), nullptr);
  EXPECT_EQ(docstring(parse_module("b'bytes'\n", "x.py")), nullptr);
  EXPECT_EQ(docstring(parse_module("f'{x}'\n", "x.py")), nullptr);
  EXPECT_EQ(docstring(parse_module("", "x.py")), nullptr);
}

TEST(Parser, AcceptsByteOrderMarkCrlfAndMissingFinalNewline) {
  EXPECT_EQ(parse("\xEF\xBB\xBFif a:\r\n    b = 1\r\nc = 2"), "(if a [(= b 1)])\n(= c 2)\n");
}

TEST(Parser, TreatsSoftKeywordsAsNames) {
  EXPECT_EQ(parse("match = 1\ntype = match(case)\n"), "(= match 1)\n(= type (call match case))\n");
}

constexpr std::string_view kRevision = R"PY("""add account table

Revision ID: 1975ea83b712
Revises: 
Create Date: 2011-11-08 11:40:27.089406

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = '1975ea83b712'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_name'), ['name'], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_name'))

    op.drop_table('account')
    # ### end Alembic commands ###
)PY";

TEST(Parser, ReadsAlembicAutogenerateRevision) {
  EXPECT_EQ(
      parse(kRevision),
      "(expr \"add account table\\n\\nRevision ID: 1975ea83b712\\nRevises: \\nCreate Date: "
      "2011-11-08 11:40:27.089406\\n\\n\")\n"
      "(from typing import Sequence Union)\n"
      "(from alembic import op)\n"
      "(import sqlalchemy:sa)\n"
      "(from sqlalchemy.dialects import postgresql)\n"
      "(ann revision str \"1975ea83b712\")\n"
      "(ann down_revision (sub Union (tuple str None)) None)\n"
      "(ann branch_labels (sub Union (tuple str (sub Sequence str) None)) None)\n"
      "(ann depends_on (sub Union (tuple str (sub Sequence str) None)) None)\n"
      "(def upgrade () -> None [(expr (call (. op create_table) \"account\" "
      "(call (. sa Column) \"id\" (call (. sa Integer)) nullable=False) "
      "(call (. sa Column) \"name\" (call (. sa String) length=50) nullable=False) "
      "(call (. sa Column) \"data\" (call (. postgresql JSONB) astext_type=(call (. sa Text))) "
      "server_default=(call (. sa text) \"'{}'::jsonb\") nullable=True) "
      "(call (. sa PrimaryKeyConstraint) \"id\"))) "
      "(with (as (call (. op batch_alter_table) \"account\" schema=None) batch_op) "
      "[(expr (call (. batch_op create_index) (call (. batch_op f) \"ix_account_name\") "
      "(list \"name\") unique=False))])])\n"
      "(def downgrade () -> None [(with (as (call (. op batch_alter_table) \"account\" "
      "schema=None) batch_op) [(expr (call (. batch_op drop_index) (call (. batch_op f) "
      "\"ix_account_name\")))]) (expr (call (. op drop_table) \"account\"))])\n");
}

TEST(Parser, RecordsRevisionVariablePositions) {
  Module module = parse_module(kRevision, "versions/1975ea83b712_add_account.py");
  EXPECT_EQ(module.file, "versions/1975ea83b712_add_account.py");
  const AnnAssign& revision = std::get<AnnAssign>(module.body[5]->node);
  EXPECT_EQ(position(module.body[5]->position), "15:1");
  EXPECT_EQ(position(revision.value->position), "15:17");
  const FunctionDef& upgrade = std::get<FunctionDef>(module.body[9]->node);
  EXPECT_EQ(position(module.body[9]->position), "21:1");
  EXPECT_EQ(position(upgrade.body[0]->position), "23:5");
  EXPECT_EQ(position(upgrade.body[1]->position), "29:5");
}

TEST(Parser, SkipsFunctionBodiesOnRequest) {
  EXPECT_EQ(parse(kRevision, {.skip_function_bodies = true}),
            "(expr \"add account table\\n\\nRevision ID: 1975ea83b712\\nRevises: \\nCreate Date: "
            "2011-11-08 11:40:27.089406\\n\\n\")\n"
            "(from typing import Sequence Union)\n"
            "(from alembic import op)\n"
            "(import sqlalchemy:sa)\n"
            "(from sqlalchemy.dialects import postgresql)\n"
            "(ann revision str \"1975ea83b712\")\n"
            "(ann down_revision (sub Union (tuple str None)) None)\n"
            "(ann branch_labels (sub Union (tuple str (sub Sequence str) None)) None)\n"
            "(ann depends_on (sub Union (tuple str (sub Sequence str) None)) None)\n"
            "(def upgrade () -> None [])\n"
            "(def downgrade () -> None [])\n");
}

TEST(Parser, SkipsNestedAndOneLineFunctionBodiesWithoutParsingThem) {
  EXPECT_EQ(parse("def f(): return g(\n  1)\nclass A:\n    def m(self):\n        if x:\n"
                  "            def inner(): pass\n        return = = 1\nx = 1\n",
                  {.skip_function_bodies = true}),
            "(def f () [])\n(class A () [(def m (self) [])])\n(= x 1)\n");
}

TEST(Parser, ReadsLongElifChains) {
  std::string source = "if a == 0:\n    pass\n";
  for (int i = 1; i < 3000; ++i) source += "elif a == " + std::to_string(i) + ":\n    pass\n";
  Module module = parse_module(source, "x.py");
  const If* last = &std::get<If>(module.body[0]->node);
  int depth = 1;
  while (!last->orelse.empty()) {
    EXPECT_EQ(position(last->orelse[0]->position), std::to_string(2 * depth + 1) + ":1");
    last = &std::get<If>(last->orelse[0]->node);
    ++depth;
  }
  EXPECT_EQ(depth, 3000);
}

}  // namespace
}  // namespace asq::py
