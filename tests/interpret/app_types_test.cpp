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
