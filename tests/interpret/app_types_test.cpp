// Application types: squash.toml's [types] maps a dotted name to a PostgreSQL type; the
// revisions reach the name by `from ... import`, `import a.b` or `import a.b as t`.

#include <gtest/gtest.h>

#include "interpret/interpreter.h"
#include "support/interpret.h"

namespace asq {
namespace {

using namespace test;

InterpretOptions with_types() {
  InterpretOptions options;
  options.app_types = {{"app.db.types.UTCDateTime", "timestamp with time zone"},
                       {"app.db.types.Money", "bigint"},
                       {"app.db.types.CaseInsensitiveText", "public.citext"}};
  return options;
}

Strings upgrade_with_types(const std::string& upgrade, const std::string& module_level) {
  return texts(interpret(upgrade, "    pass\n", module_level, with_types()).upgrade);
}

TEST(AppTypes, ImportedNameDottedNameAndAliasResolveToTheMappedType) {
  const std::string body =
      "    op.add_column('t', sa.Column('a', UTCDateTime(), nullable=False))\n"
      "    op.add_column('t', sa.Column('b', app.db.types.UTCDateTime(timezone=True)))\n"
      "    op.add_column('t', sa.Column('c', t.Money()))\n"
      "    op.alter_column('t', 'd', type_=CaseInsensitiveText(), postgresql_using='d::citext')\n";
  EXPECT_EQ(
      upgrade_with_types(body,
                         "from app.db.types import UTCDateTime, CaseInsensitiveText\n"
                         "import app.db.types\n"
                         "import app.db.types as t\n\n"),
      (Strings{"ADD COLUMN public.t a timestamp with time zone NOT NULL",
               "ADD COLUMN public.t b timestamp with time zone", "ADD COLUMN public.t c bigint",
               "ALTER COLUMN public.t d [was d ] TYPE public.citext USING d::citext"}));
}

TEST(AppTypes, AnIntegerAppTypeAsPrimaryKeyIsSerialLikeItsImpl) {
  EXPECT_EQ(
      upgrade_with_types("    op.create_table('t', sa.Column('id', Money(), primary_key=True))\n",
                         "from app.db.types import Money\n\n"),
      (Strings{"CREATE SEQUENCE public.t_id_seq AS bigint MAXVALUE 9223372036854775807",
               "CREATE TABLE public.t (id bigint NOT NULL DEFAULT "
               "nextval('public.t_id_seq'::regclass), PK (id))",
               "OWNED BY public.t_id_seq t.id"}));
}

TEST(AppTypes, AnUnmappedTypeNamesItselfItsLineAndTheLineToAdd) {
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('at', UTCDateTime(), nullable=True))\n",
                     "from app.db.types import UTCDateTime\n\n"),
            "v/abc_test.py:21:40: sa.Column('at'): app.db.types.UTCDateTime is a type squash.toml "
            "does not map (unmodelled revision); add the line \"app.db.types.UTCDateTime\" = "
            "\"<its PostgreSQL type>\" under [types] in squash.toml\n"
            "    op.add_column('t', sa.Column('at', UTCDateTime(), nullable=True))\n"
            "                                       ^");
  EXPECT_EQ(error_of("    op.alter_column('t', 'e', type_=app.db.types.Email())\n",
                     "import app.db.types\n\n"),
            "v/abc_test.py:21:37: op.alter_column(): app.db.types.Email is a type squash.toml "
            "does not map (unmodelled revision); add the line \"app.db.types.Email\" = "
            "\"<its PostgreSQL type>\" under [types] in squash.toml\n"
            "    op.alter_column('t', 'e', type_=app.db.types.Email())\n"
            "                                    ^");
}

TEST(AppTypes, ReadFromConfigCanonicalAndCheckedAtTheirLine) {
  std::map<std::string, TypeMapping> types;
  types["app.db.types.UTCDateTime"] = {"timestamptz", {"squash.toml", 2, 30}, "line"};
  types["app.Money"] = {"int8", {"squash.toml", 3, 15}, "line"};
  AppTypes read = read_app_types(types);
  EXPECT_EQ(read.at("app.db.types.UTCDateTime"), "timestamp with time zone");
  EXPECT_EQ(read.at("app.Money"), "bigint");

  types["Money"] = {"bigint", {"squash.toml", 4, 11}, "\"Money\" = \"bigint\""};
  try {
    read_app_types(types);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(std::string(error.what()),
              "squash.toml:4:11: [types] \"Money\": expected the dotted name the revisions "
              "import (module.Type)\n"
              "\"Money\" = \"bigint\"\n"
              "          ^");
  }
  types.erase("Money");
  types["app.Id"] = {"serial", {"squash.toml", 5, 12}, "\"app.Id\" = \"serial\""};
  try {
    read_app_types(types);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(error.message(),
              "[types] \"app.Id\": serial is not a type a column can have; write integer or "
              "bigint");
  }
}

// Seen in a public history: a factory of string columns called with their length
// (StringID(length=512)). A mapping with {name} or {0} takes the call's whole-number
// arguments; one without them notes what it did not use (it was dropped silently).
TEST(AppTypes, AMappingTemplateTakesTheCallsArgumentsAndAFixedOneNotesThem) {
  InterpretOptions options = with_types();
  options.app_types["app.db.types.StringID"] = "character varying({length})";
  options.app_types["app.db.types.Decimal"] = "numeric({0},{1})";
  RevisionOps ops = interpret(
      "    op.add_column('t', sa.Column('a', StringID(length=512)))\n"
      "    op.add_column('t', sa.Column('b', Decimal(12, 2)))\n"
      "    op.add_column('t', sa.Column('c', UTCDateTime(timezone=True)))\n"
      "    with op.batch_alter_table('t') as batch_op:\n"
      "        batch_op.alter_column('c', existing_type=UTCDateTime, type_=StringID(length=9))\n",
      "    pass\n", "from app.db.types import StringID, Decimal, UTCDateTime\n\n", options);
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"ADD COLUMN public.t a character varying(512)",
                     "ADD COLUMN public.t b numeric(12,2)",
                     "ADD COLUMN public.t c timestamp with time zone",
                     "ALTER COLUMN public.t c [was c timestamp with time zone] TYPE character "
                     "varying(9)"}));
  RevisionOps extra =
      interpret("    op.add_column('t', sa.Column('a', Decimal(10, 2, asdecimal=True)))\n",
                "    pass\n", "from app.db.types import Decimal\n\n", options);
  EXPECT_EQ(texts(extra.upgrade), Strings{"ADD COLUMN public.t a numeric(10,2)"});
  ASSERT_EQ(extra.notes.size(), 1u);
  EXPECT_EQ(extra.notes[0].second,
            "app.db.types.Decimal(...): arguments {asdecimal} are not used: squash.toml's [types] "
            "maps it to numeric({0},{1})");
  ASSERT_EQ(ops.notes.size(), 1u);
  EXPECT_EQ(ops.notes[0].first.line, 23);
  EXPECT_EQ(ops.notes[0].second,
            "app.db.types.UTCDateTime(...): its arguments are not used: squash.toml's [types] "
            "maps it to timestamp with time zone (write {name} or {0} there to use one)");
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('a', StringID(512)))\n",
                     "from app.db.types import StringID\n\n", options),
            "v/abc_test.py:21:39: app.db.types.StringID(): squash.toml's [types] mapping "
            "'character varying({length})': the call gives no argument {length}\n"
            "    op.add_column('t', sa.Column('a', StringID(512)))\n"
            "                                      ^");
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('a', StringID(length='x')))\n",
                     "from app.db.types import StringID\n\n", options),
            "v/abc_test.py:21:55: app.db.types.StringID(): {length} of squash.toml's [types] "
            "needs a whole number, found a string\n"
            "    op.add_column('t', sa.Column('a', StringID(length='x')))\n"
            "                                                      ^");
}

// Seen in a public history (17 files): a model's __tablename__ as the table name; and an
// application constant unpacked into a type's arguments (String(250, **COLLATION_ARGS)).
TEST(AppValues, NamesOfTheApplicationTakeTheValuesSquashTomlGives) {
  InterpretOptions options;
  options.app_values = {{"app.models.Tag.__tablename__", "'tag'"},
                        {"app.models.COLLATION_ARGS", "{}"},
                        {"app.models.LENGTHS", "[12, 40]"}};
  const std::string upgrade =
      "    op.create_table(Tag.__tablename__, sa.Column('n', sa.String(250, **COLLATION_ARGS)))\n"
      "    op.add_column(models.Tag.__tablename__, sa.Column('m', sa.String(LENGTHS[1])))\n"
      "    op.create_index(f'ix_{Tag.__tablename__}_n', Tag.__tablename__, ['n'])\n";
  const std::string imports =
      "from app.models import Tag, COLLATION_ARGS, LENGTHS\nfrom app import models\n\n";
  EXPECT_EQ(texts(interpret(upgrade, "    pass\n", imports, options).upgrade),
            (Strings{"CREATE TABLE public.tag (n character varying(250))",
                     "ADD COLUMN public.tag m character varying(40)",
                     "CREATE INDEX ix_tag_n (n) ON public.tag"}));
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('n', sa.String(250, **COLLATION_ARGS)))\n",
                     "from app.models import COLLATION_ARGS\n\n"),
            "v/abc_test.py:21:56: ** needs a dict, found app.models.COLLATION_ARGS; if the "
            "application defines it, give its value under [values] in squash.toml: "
            "\"app.models.COLLATION_ARGS\" = {...}\n"
            "    op.add_column('t', sa.Column('n', sa.String(250, **COLLATION_ARGS)))\n"
            "                                                       ^");
  EXPECT_EQ(error_of("    op.drop_table(Tag.__tablename__)\n", "from app.models import Tag\n\n"),
            "v/abc_test.py:21:19: op.drop_table(): table_name must be a string, found "
            "app.models.Tag.__tablename__; if the application defines it, give its value under "
            "[values] in squash.toml: \"app.models.Tag.__tablename__\" = \"...\"\n"
            "    op.drop_table(Tag.__tablename__)\n"
            "                  ^");
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('s', sa.Enum(Status.to_string(Status.A), "
                     "name='s')))\n",
                     "from app.entities import Status\n\n"),
            "v/abc_test.py:21:47: sa.Enum(): a label must be a string the reader can see, found "
            "the result of app.entities.Status.to_string()\n"
            "    op.add_column('t', sa.Column('s', sa.Enum(Status.to_string(Status.A), "
            "name='s')))\n"
            "                                              ^");
}

TEST(AppTypes, AMappingTemplateIsCheckedWhenRead) {
  std::map<std::string, TypeMapping> types;
  types["app.StringID"] = {"varchar({length})", {"squash.toml", 2, 16}, "line"};
  EXPECT_EQ(read_app_types(types).at("app.StringID"), "varchar({length})");
  for (const char* bad : {"varchar({99999999999999999999})", "varchar({0abc})"}) {
    std::map<std::string, TypeMapping> one{{"app.Bad", {bad, {"squash.toml", 3, 11}, "line"}}};
    EXPECT_THROW(read_app_types(one), SourceError) << bad;
  }
  types["app.Bad"] = {"varchar({len gth})", {"squash.toml", 3, 11}, "line"};
  try {
    read_app_types(types);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(error.message(),
              "[types] \"app.Bad\": '{len gth}' is not an argument: write {name} or {0}");
  }
}

// What sqlalchemy_utils 0.38 (Debian's python3-sqlalchemy-utils) makes of each type on
// PostgreSQL (load_dialect_impl / impl), as `alembic upgrade --sql` prints it.
TEST(SqlalchemyUtilsTypes, EachIsTheTypeItsImplIsOnPostgresql) {
  EXPECT_EQ(
      upgrade_ops(
          "    op.create_table('i',\n"
          "        sa.Column('id', sqlalchemy_utils.types.uuid.UUIDType(binary=False)),\n"
          "        sa.Column('kind', sqlalchemy_utils.types.choice.ChoiceType(KINDS, "
          "impl=sa.String(length=16))),\n"
          "        sa.Column('plain_choice', sqlalchemy_utils.ChoiceType(KINDS)),\n"
          "        sa.Column('email', sqlalchemy_utils.types.email.EmailType(length=120)),\n"
          "        sa.Column('email2', EmailType()),\n"
          "        sa.Column('url', sqlalchemy_utils.types.url.URLType()),\n"
          "        sa.Column('config', sqlalchemy_utils.types.json.JSONType()),\n"
          "        sa.Column('search', sqlalchemy_utils.types.ts_vector.TSVectorType('a', 'b', "
          "regconfig='english')),\n"
          "        sa.Column('secret', sqlalchemy_utils.StringEncryptedType(sa.Unicode, KEY, "
          "length=64)),\n"
          "        sa.Column('ip', sqlalchemy_utils.IPAddressType()),\n"
          "        sa.Column('country', sqlalchemy_utils.CountryType()),\n"
          "        sa.Column('pw', sqlalchemy_utils.PasswordType(schemes=['pbkdf2_sha512'])),\n"
          "        sa.Column('uuid_bytes', sqlalchemy_utils.UUIDType(native=False)),\n"
          "    )\n",
          "import sqlalchemy_utils\nfrom sqlalchemy_utils import EmailType\n"
          "from app.secrets import load_key\n"
          "KINDS = [('a', 'A'), ('b', 'B')]\nKEY = load_key()\n\n"),
      (Strings{"CREATE TABLE public.i (id uuid, kind character varying(16), plain_choice "
               "character varying(255), email character varying(120), email2 character "
               "varying(255), url text, config json, search tsvector, secret character "
               "varying(64), ip character varying(50), country character varying(2), pw bytea, "
               "uuid_bytes bytea)"}));
}

// Seen in a public history: the class given without a call (sa.Column("v", JSON)), and a
// typing annotation passed to it (Pydantic(Dict[str, List[Model]])).
TEST(AppTypes, AnUncalledClassAndATypingArgumentAreTheMappedType) {
  EXPECT_EQ(
      upgrade_with_types("    op.add_column('t', sa.Column('a', Money, nullable=True))\n"
                         "    op.add_column('t', sa.Column('b', UTCDateTime(Dict[str, "
                         "List[app.models.Thing]])))\n",
                         "from typing import Dict, List\n"
                         "from app.db.types import Money, UTCDateTime\n"
                         "import app.models\n\n"),
      (Strings{"ADD COLUMN public.t a bigint", "ADD COLUMN public.t b timestamp with time zone"}));
}

}  // namespace
}  // namespace asq
