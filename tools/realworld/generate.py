#!/usr/bin/env python3
"""Writes fixtures/realworld/migrations/versions: the bulk revisions and the chain order.

The hand-written revisions (the constructs the fixture exists for) are files in the versions
folder with a fixed revision id. This script
  * deletes every other revision file there,
  * writes the plain table/column/index revisions of the bulk, in the style of lightly edited
    autogenerate output, from a small model of the tables they own,
  * threads everything into one history following PLAN (down_revision, the `Revises:` and
    `Create Date:` header lines, and the date-prefixed file name of every file).
It is deterministic: the same PLAN and seed give the same files byte for byte.

    /usr/bin/python3 tools/realworld/generate.py
"""
import datetime
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = ROOT / "fixtures" / "realworld" / "migrations" / "versions"
SEED = 20230109

# The order of the history. ("hand", id) is a hand-written file; ("bulk", n) n generated ones;
# ("fork",) remembers the head; ("switch",) continues from the fork point (a second line of
# work); the next ("hand", id) of a merge revision joins the two heads.
PLAN = [
    ("hand", "754154bf8196"),  # initial schema
    ("bulk", 5),
    ("hand", "978083e78016"),  # extensions through alembic_utils
    ("hand", "d90720ccef7c"),  # user email as citext, trigram index
    ("bulk", 8),
    ("hand", "1f68f8277544"),  # service orders with enums
    ("hand", "59d67ecda61e"),  # visits reuse the order_status type
    ("bulk", 7),
    ("hand", "bed444fb43a8"),  # enum array + channel enum
    ("hand", "a730b646a1a1"),  # updated_at trigger (alembic_utils)
    ("bulk", 9),
    ("hand", "93eee6d62bfb"),  # partial and covering indexes
    ("bulk", 6),
    ("hand", "744248a64a12"),  # backfill order numbers (for loop)
    ("bulk", 8),
    ("fork",),
    ("bulk", 4),
    ("hand", "918a6c01495c"),  # batch backfill (while loop, guarded commit)
    ("bulk", 2),
    ("switch",),
    ("bulk", 3),
    ("hand", "3939619e5503"),  # sync enum values, TableReference
    ("hand", "baf8653e4d21"),  # merge heads
    ("bulk", 10),
    ("hand", "531baaac5aed"),  # sync enum values, older tuple form
    ("hand", "6552bef2330a"),  # sync enum array with rename, positional form
    ("bulk", 8),
    ("hand", "6053e5a2a357"),  # views and a materialized view
    ("hand", "e7af12dcde86"),  # row level security policy
    ("bulk", 10),
    ("hand", "7be1efe400e9"),  # unnamed foreign key (downgrade drop_constraint(None))
    ("hand", "c1204bea4e26"),  # check constraint (downgrade without table)
    ("bulk", 9),
    ("hand", "b75fe3e132d6"),  # long op.f() names
    ("bulk", 8),
    ("hand", "9869a813bf51"),  # concurrent indexes in autocommit blocks
    ("hand", "6672daf44971"),  # if_not_exists / if_exists
    ("bulk", 10),
    ("hand", "c74ef6684883"),  # ORM data migration with models in the file
    ("hand", "0427a6faef95"),  # reference data: bulk_insert
    ("bulk", 9),
    ("hand", "87c2d0a2ef99"),  # sqlalchemy_utils types
    ("hand", "55ed237cd54c"),  # search vector via the application's trigger helper
    ("bulk", 10),
    ("hand", "5b5a9a9e409f"),  # jsonb defaults with escaped colons
    ("hand", "870d22665db2"),  # replace_entity: function and view
    ("bulk", 9),
    ("hand", "0312b51bae89"),  # alter type with USING, deferrable FK
    ("hand", "41bdcb4038e9"),  # raw SQL with %, empty message
    ("bulk", 8),
    ("fork",),
    ("bulk", 3),
    ("switch",),
    ("hand", "cf97d0cef996"),  # downgrade that cannot run here (newer keywords)
    ("bulk", 2),
    ("hand", "0a3649a4ee54"),  # merge heads
    ("bulk", 10),
    ("hand", "8b898a7a566a"),  # drop and recreate partial index, matview refresh
    ("hand", "8a29396a77ec"),  # data cleanup, irreversible (raise)
    ("bulk", 12),
    ("hand", "49877ad1d58c"),  # create_table(if_not_exists) + application Money type
    ("bulk", 8),
]


# --------------------------------------------------------------------------- the model


@dataclass
class Column:
    name: str
    kind: str  # key of TYPES
    nullable: bool = True
    default: str | None = None  # Python source of server_default
    length: int | None = None
    enum: tuple[str, str] | None = None  # (type name, labels source)


@dataclass
class Table:
    name: str
    pk: str  # "int" or "uuid"
    columns: dict[str, Column] = field(default_factory=dict)
    indexes: dict[str, list[str]] = field(default_factory=dict)
    uniques: dict[str, list[str]] = field(default_factory=dict)
    checks: dict[str, str] = field(default_factory=dict)
    fks: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name -> (col, table, ondelete)


# kind -> (type source, reflected existing_type source)
TYPES = {
    "string": ("sa.String(length={n})", "sa.VARCHAR(length={n})"),
    "text": ("sa.Text()", "sa.TEXT()"),
    "int": ("sa.Integer()", "sa.INTEGER()"),
    "bigint": ("sa.BigInteger()", "sa.BIGINT()"),
    "smallint": ("sa.SmallInteger()", "sa.SMALLINT()"),
    "bool": ("sa.Boolean()", "sa.BOOLEAN()"),
    "numeric": ("sa.Numeric(precision=12, scale=2)", "sa.NUMERIC(precision=12, scale=2)"),
    "date": ("sa.Date()", "sa.DATE()"),
    "ts": ("{utc}", "postgresql.TIMESTAMP(timezone=True)"),
    "jsonb": ("postgresql.JSONB(astext_type=sa.Text())", "postgresql.JSONB(astext_type=sa.Text())"),
    "uuid": ("postgresql.UUID(as_uuid=True)", "postgresql.UUID()"),
    "enum": ("sa.Enum({labels}, name={name})", "postgresql.ENUM({labels}, name={name})"),
}

CORE_REFS = [("organization_id", "organization", "uuid"), ("created_by_id", "user_account", "int")]

NEW_TABLES = [
    "customer", "site", "asset", "technician", "shift", "inventory_item", "stock_movement",
    "invoice", "invoice_line", "payment", "attachment", "note", "tag", "asset_tag", "audit_event",
    "notification", "webhook_endpoint", "api_key", "sync_job", "price_list", "price_list_item",
    "contract", "sla_policy", "checklist", "checklist_item", "route", "vehicle", "fuel_log",
    "expense", "time_entry", "timesheet", "region", "team", "team_member", "skill",
    "technician_skill", "supplier", "purchase_order", "purchase_order_line", "quote",
    "quote_line", "report_schedule", "dashboard", "saved_filter", "custom_field",
    "custom_field_value", "feature_flag", "import_batch", "export_job", "holiday", "service_area",
]

COLUMN_NAMES = [
    ("name", "string", 120), ("code", "string", 32), ("description", "text", None),
    ("reference", "string", 64), ("external_id", "string", 64), ("notes", "text", None),
    ("quantity", "int", None), ("position", "smallint", None), ("amount", "numeric", None),
    ("unit_price", "numeric", None), ("is_active", "bool", None), ("is_archived", "bool", None),
    ("valid_from", "date", None), ("valid_until", "date", None), ("archived_at", "ts", None),
    ("last_synced_at", "ts", None), ("due_at", "ts", None), ("settings", "jsonb", None),
    ("metadata", "jsonb", None), ("weight_grams", "bigint", None), ("phone", "string", 32),
    ("email", "string", 255), ("label", "string", 64), ("color", "string", 16),
    ("timezone", "string", 64), ("currency", "string", 3), ("priority", "smallint", None),
    ("sequence_number", "bigint", None), ("public_token", "uuid", None), ("version", "int", None),
    ("url", "text", None), ("error_message", "text", None), ("retry_count", "int", None),
    ("started_at", "ts", None), ("finished_at", "ts", None), ("latitude", "numeric", None),
    ("longitude", "numeric", None), ("source", "string", 32), ("locale", "string", 16),
]

ENUMS = [
    ("sync_state", ("pending", "running", "failed", "done")),
    ("approval_state", ("draft", "submitted", "approved", "rejected")),
    ("delivery_method", ("email", "sms", "webhook")),
    ("visibility", ("private", "team", "organization")),
]


class Era:
    """How the team's files looked at a point in time (templates and formatters changed)."""

    def __init__(self, index: int, total: int):
        self.typed_header = index > total * 0.45
        self.double_quotes = index > total * 0.30  # a formatter was switched on
        self.lock_timeout = index > total * 0.60
        self.dotted_utc = index > total * 0.50  # the template imports app.db.types


def q(era: Era, s: str) -> str:
    return f'"{s}"' if era.double_quotes else f"'{s}'"


def type_source(era: Era, col: Column, reflected: bool = False) -> str:
    template = TYPES[col.kind][1 if reflected else 0]
    utc = "app.db.types.UTCDateTime()" if era.dotted_utc else "UTCDateTime()"
    labels = ""
    name = ""
    if col.enum:
        labels = ", ".join(q(era, v) for v in col.enum[1])
        name = q(era, col.enum[0])
    return template.format(n=col.length, utc=utc, labels=labels, name=name)


def default_for(col: Column) -> str | None:
    if col.kind == "bool":
        return "sa.text('false')"
    if col.kind in ("jsonb",):
        return "sa.text(\"'{}'::jsonb\")"
    if col.kind in ("int", "smallint") and col.name in ("retry_count", "version", "position"):
        return "sa.text('0')"
    return None


# --------------------------------------------------------------------------- the writer


class Bulk:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.tables: dict[str, Table] = {}
        self.unused = list(NEW_TABLES)
        self.enums_left = list(ENUMS)
        self.only_new_tables = False
        rng.shuffle(self.unused)

    # Each maker returns (message, upgrade lines, downgrade lines, uses UTCDateTime) or None.

    def new_table(self, era):
        if not self.unused:
            return None
        name = self.unused.pop()
        t = Table(name, pk=self.rng.choice(["int", "int", "uuid"]))
        cols = [Column("name", "string", nullable=False, length=120)]
        for cname, kind, n in self.rng.sample(COLUMN_NAMES, self.rng.randint(1, 4)):
            if cname not in [c.name for c in cols]:
                cols.append(Column(cname, kind, length=n, default=None))
        if self.enums_left and self.rng.random() < 0.25:
            enum_name, labels = self.enums_left.pop()
            cols.append(Column("state", "enum", nullable=False, enum=(enum_name, labels)))
        for c in cols:
            c.default = default_for(c)
            if c.default:
                c.nullable = False
        cols.append(Column("created_at", "ts", nullable=False, default="sa.text('now()')"))
        refs = [r for r in CORE_REFS if self.rng.random() < (0.9 if r[0] == "organization_id" else 0.3)]
        lines = [f"op.create_table({q(era, name)},"]
        if t.pk == "int":
            lines.append(f"    sa.Column({q(era, 'id')}, sa.Integer(), nullable=False),")
        else:
            lines.append(f"    sa.Column({q(era, 'id')}, postgresql.UUID(as_uuid=True), "
                         f"server_default=sa.text({q(era, 'gen_random_uuid()')}), nullable=False),")
        for col_name, ref_table, ref_kind in refs:
            ctype = "postgresql.UUID(as_uuid=True)" if ref_kind == "uuid" else "sa.Integer()"
            lines.append(f"    sa.Column({q(era, col_name)}, {ctype}, nullable={col_name != 'organization_id'}),")
            t.columns[col_name] = Column(col_name, "uuid" if ref_kind == "uuid" else "int",
                                         nullable=col_name != "organization_id")
        for c in cols:
            default = f"server_default={c.default}, " if c.default else ""
            lines.append(f"    sa.Column({q(era, c.name)}, {type_source(era, c)}, {default}nullable={c.nullable}),")
            t.columns[c.name] = c
        for col_name, ref_table, _ in refs:
            ondelete = "CASCADE" if col_name == "organization_id" else "SET NULL"
            fk = f"{name}_{col_name}_fkey"
            lines.append(f"    sa.ForeignKeyConstraint([{q(era, col_name)}], [{q(era, ref_table + '.id')}], "
                         f"name=op.f({q(era, fk)}), ondelete={q(era, ondelete)}),")
            t.fks[fk] = (col_name, ref_table, ondelete)
        lines.append(f"    sa.PrimaryKeyConstraint({q(era, 'id')}, name=op.f({q(era, name + '_pkey')}))")
        lines.append(")")
        down = []
        for col_name, _, _ in refs:
            if col_name == "organization_id":
                ix = f"ix_{name}_{col_name}"
                lines.append(f"op.create_index(op.f({q(era, ix)}), {q(era, name)}, [{q(era, col_name)}], unique=False)")
                down.append(f"op.drop_index(op.f({q(era, ix)}), table_name={q(era, name)})")
                t.indexes[ix] = [col_name]
        down.append(f"op.drop_table({q(era, name)})")
        self.tables[name] = t
        title = name.replace("_", " ")
        message = self.rng.choice([f"add {title} table", f"Add {title.title().replace(' ', '')} model",
                                   f"create {name}", f"{title}s"])
        return message, lines, down

    def _pick_table(self):
        if not self.tables:
            return None
        return self.tables[self.rng.choice(sorted(self.tables))]

    def add_columns(self, era):
        t = self._pick_table()
        if t is None:
            return None
        free = [c for c in COLUMN_NAMES if c[0] not in t.columns]
        if not free:
            return None
        picked = self.rng.sample(free, min(len(free), self.rng.choice([1, 1, 1, 2, 3])))
        up, down = [], []
        for cname, kind, n in picked:
            c = Column(cname, kind, length=n)
            c.default = default_for(c)
            c.nullable = c.default is None
            default = f"server_default={c.default}, " if c.default else ""
            up.append(f"op.add_column({q(era, t.name)}, sa.Column({q(era, cname)}, {type_source(era, c)}, "
                      f"{default}nullable={c.nullable}))")
            down.insert(0, f"op.drop_column({q(era, t.name)}, {q(era, cname)})")
            t.columns[cname] = c
        names = " and ".join(p[0] for p in picked)
        message = self.rng.choice([f"add {names} to {t.name}", f"{t.name}: {names}",
                                   f"Add {names} column to {t.name}", "empty message"])
        return message, up, down

    def add_index(self, era):
        t = self._pick_table()
        if t is None:
            return None
        cands = [c for c in t.columns.values() if c.kind in ("string", "int", "bigint", "date", "ts", "uuid", "bool")
                 and f"ix_{t.name}_{c.name}" not in t.indexes]
        if not cands:
            return None
        c = self.rng.choice(cands)
        ix = f"ix_{t.name}_{c.name}"
        unique = c.name in ("code", "external_id", "reference", "public_token") and self.rng.random() < 0.5
        t.indexes[ix] = [c.name]
        up = [f"op.create_index(op.f({q(era, ix)}), {q(era, t.name)}, [{q(era, c.name)}], unique={unique})"]
        down = [f"op.drop_index(op.f({q(era, ix)}), table_name={q(era, t.name)})"]
        message = self.rng.choice([f"index {t.name}.{c.name}", f"add index on {t.name} {c.name}",
                                   f"speed up {t.name} lookups by {c.name}"])
        return message, up, down

    def composite_index(self, era):
        t = self._pick_table()
        if t is None or "organization_id" not in t.columns:
            return None
        cands = [c for c in t.columns.values() if c.kind in ("ts", "date", "string", "enum") and c.name != "organization_id"]
        if not cands:
            return None
        c = self.rng.choice(cands)
        ix = f"ix_{t.name}_organization_id_{c.name}"
        if ix in t.indexes:
            return None
        t.indexes[ix] = ["organization_id", c.name]
        up = [f"op.create_index({q(era, ix)}, {q(era, t.name)}, [{q(era, 'organization_id')}, {q(era, c.name)}], unique=False)"]
        down = [f"op.drop_index({q(era, ix)}, table_name={q(era, t.name)})"]
        return f"composite index for the {t.name} list page", up, down

    def add_fk(self, era):
        if len(self.tables) < 2:
            return None
        t = self._pick_table()
        other = self.tables[self.rng.choice(sorted(n for n in self.tables if n != t.name))]
        col = f"{other.name}_id"
        if col in t.columns:
            return None
        kind = "int" if other.pk == "int" else "uuid"
        ctype = "sa.Integer()" if kind == "int" else "postgresql.UUID(as_uuid=True)"
        fk = f"{t.name}_{col}_fkey"
        ondelete = self.rng.choice(["CASCADE", "SET NULL", None])
        t.columns[col] = Column(col, kind)
        t.fks[fk] = (col, other.name, ondelete or "")
        ix = f"ix_{t.name}_{col}"
        t.indexes[ix] = [col]
        od = f", ondelete={q(era, ondelete)}" if ondelete else ""
        up = [
            f"op.add_column({q(era, t.name)}, sa.Column({q(era, col)}, {ctype}, nullable=True))",
            f"op.create_index(op.f({q(era, ix)}), {q(era, t.name)}, [{q(era, col)}], unique=False)",
            f"op.create_foreign_key(op.f({q(era, fk)}), {q(era, t.name)}, {q(era, other.name)}, [{q(era, col)}], [{q(era, 'id')}]{od})",
        ]
        down = [
            f"op.drop_constraint(op.f({q(era, fk)}), {q(era, t.name)}, type_={q(era, 'foreignkey')})",
            f"op.drop_index(op.f({q(era, ix)}), table_name={q(era, t.name)})",
            f"op.drop_column({q(era, t.name)}, {q(era, col)})",
        ]
        return self.rng.choice([f"link {t.name} to {other.name}", f"{t.name} belongs to {other.name}"]), up, down

    def make_required(self, era):
        t = self._pick_table()
        if t is None:
            return None
        cands = [c for c in t.columns.values() if c.nullable and c.kind in ("string", "int", "bool", "smallint", "numeric", "text")
                 and not any(c.name == fk[0] for fk in t.fks.values())]
        if not cands:
            return None
        c = self.rng.choice(cands)
        fill = {"string": "''", "text": "''", "int": "0", "smallint": "0", "bool": "false", "numeric": "0"}[c.kind]
        existing = type_source(era, c, reflected=True)
        up = [
            f"op.execute(\"UPDATE {t.name} SET {c.name} = {fill} WHERE {c.name} IS NULL\")",
            f"op.alter_column({q(era, t.name)}, {q(era, c.name)},",
            f"           existing_type={existing},",
            "           nullable=False)",
        ]
        down = [
            f"op.alter_column({q(era, t.name)}, {q(era, c.name)},",
            f"           existing_type={existing},",
            "           nullable=True)",
        ]
        c.nullable = False
        return f"make {t.name}.{c.name} not null", up, down

    def widen_string(self, era):
        t = self._pick_table()
        if t is None:
            return None
        cands = [c for c in t.columns.values() if c.kind == "string" and c.length and c.length < 255]
        if not cands:
            return None
        c = self.rng.choice(cands)
        new = self.rng.choice([n for n in (64, 120, 255, 512) if n > c.length])
        old = c.length
        up = [f"op.alter_column({q(era, t.name)}, {q(era, c.name)},",
              f"           existing_type=sa.VARCHAR(length={old}),",
              f"           type_=sa.String(length={new}),",
              f"           existing_nullable={c.nullable})"]
        down = [f"op.alter_column({q(era, t.name)}, {q(era, c.name)},",
                f"           existing_type=sa.String(length={new}),",
                f"           type_=sa.VARCHAR(length={old}),",
                f"           existing_nullable={c.nullable})"]
        c.length = new
        return self.rng.choice([f"widen {t.name}.{c.name}", f"{c.name} can be up to {new} characters"]), up, down

    def rename_column(self, era):
        t = self._pick_table()
        if t is None:
            return None
        renames = {"notes": "internal_notes", "label": "display_label", "source": "origin",
                   "color": "colour_hex", "phone": "phone_number", "url": "target_url"}
        cands = [c for c in t.columns.values() if c.name in renames and renames[c.name] not in t.columns
                 and not any(c.name in cols for cols in t.indexes.values())]
        if not cands:
            return None
        c = self.rng.choice(cands)
        new = renames[c.name]
        existing = type_source(era, c, reflected=True)
        up = [f"op.alter_column({q(era, t.name)}, {q(era, c.name)}, new_column_name={q(era, new)}, existing_type={existing})"]
        down = [f"op.alter_column({q(era, t.name)}, {q(era, new)}, new_column_name={q(era, c.name)}, existing_type={existing})"]
        del t.columns[c.name]
        c.name = new
        t.columns[new] = c
        return f"rename {t.name}.{renames_key(renames, new)} to {new}", up, down

    def drop_column(self, era):
        t = self._pick_table()
        if t is None:
            return None
        cands = [c for c in t.columns.values() if c.name not in ("name", "created_at", "organization_id", "created_by_id")
                 and c.kind != "enum"
                 and not any(c.name in cols for cols in list(t.indexes.values()) + list(t.uniques.values()))
                 and not any(c.name == fk[0] for fk in t.fks.values())
                 and not any(c.name in expr for expr in t.checks.values())]
        if not cands:
            return None
        c = self.rng.choice(cands)
        default = f"server_default={c.default}, " if c.default else ""
        up = [f"op.drop_column({q(era, t.name)}, {q(era, c.name)})"]
        down = [f"op.add_column({q(era, t.name)}, sa.Column({q(era, c.name)}, {type_source(era, c, reflected=True)}, "
                f"{default}autoincrement=False, nullable={c.nullable}))"]
        del t.columns[c.name]
        return self.rng.choice([f"drop unused {t.name}.{c.name}", f"remove {c.name} from {t.name}"]), up, down

    def add_unique(self, era):
        t = self._pick_table()
        if t is None or "organization_id" not in t.columns:
            return None
        cands = [c for c in t.columns.values() if c.name in ("code", "external_id", "reference", "name", "email")]
        if not cands:
            return None
        c = self.rng.choice(cands)
        name = f"{t.name}_organization_id_{c.name}_key"
        if name in t.uniques:
            return None
        t.uniques[name] = ["organization_id", c.name]
        up = [f"op.create_unique_constraint(op.f({q(era, name)}), {q(era, t.name)}, [{q(era, 'organization_id')}, {q(era, c.name)}])"]
        down = [f"op.drop_constraint(op.f({q(era, name)}), {q(era, t.name)}, type_={q(era, 'unique')})"]
        return f"{c.name} is unique per organization in {t.name}", up, down

    def add_check(self, era):
        t = self._pick_table()
        if t is None:
            return None
        cands = [c for c in t.columns.values() if c.kind in ("int", "numeric", "smallint", "bigint")
                 and not c.name.endswith("_id") and f"ck_{t.name}_{c.name}_non_negative" not in t.checks]
        if not cands:
            return None
        c = self.rng.choice(cands)
        ck = f"ck_{t.name}_{c.name}_non_negative"
        t.checks[ck] = f"{c.name} >= 0"
        up = [f"op.create_check_constraint({q(era, ck)}, {q(era, t.name)}, {q(era, f'{c.name} >= 0')})"]
        down = [f"op.drop_constraint({q(era, ck)}, {q(era, t.name)}, type_={q(era, 'check')})"]
        return f"{t.name}.{c.name} cannot be negative", up, down

    def comment(self, era):
        t = self._pick_table()
        if t is None:
            return None
        c = self.rng.choice(sorted(t.columns.values(), key=lambda c: c.name))
        existing = type_source(era, c, reflected=True)
        text = self.rng.choice(["Shown to customers", "Set by the sync worker", "UTC", "Free text, not indexed",
                                "Kept for the audit trail", "Minor units"])
        up = [f"op.alter_column({q(era, t.name)}, {q(era, c.name)}, existing_type={existing}, "
              f"comment={q(era, text)}, existing_nullable={c.nullable})"]
        down = [f"op.alter_column({q(era, t.name)}, {q(era, c.name)}, existing_type={existing}, comment=None, "
                f"existing_comment={q(era, text)}, existing_nullable={c.nullable})"]
        return f"document {t.name}.{c.name}", up, down

    def set_default(self, era):
        t = self._pick_table()
        if t is None:
            return None
        cands = [c for c in t.columns.values() if c.kind in ("int", "smallint") and c.default is None
                 and not c.name.endswith("_id") and c.name != "id"]
        if not cands:
            return None
        c = self.rng.choice(cands)
        existing = type_source(era, c, reflected=True)
        up = [f"op.alter_column({q(era, t.name)}, {q(era, c.name)}, existing_type={existing}, "
              f"server_default=sa.text({q(era, '1')}), existing_nullable={c.nullable})"]
        down = [f"op.alter_column({q(era, t.name)}, {q(era, c.name)}, existing_type={existing}, "
                f"server_default=None, existing_nullable={c.nullable})"]
        c.default = "sa.text('1')"
        return f"default {t.name}.{c.name} to 1", up, down

    def drop_table(self, era):
        referenced = {fk[1] for t in self.tables.values() for fk in t.fks.values()}
        cands = [t for t in self.tables.values() if t.name not in referenced
                 and not any(c.kind == "enum" for c in t.columns.values())]
        if len(self.tables) < 12 or not cands:
            return None
        t = self.rng.choice(sorted(cands, key=lambda t: t.name))
        up = [f"op.drop_index(op.f({q(era, ix)}), table_name={q(era, t.name)})" if ix.startswith(f"ix_{t.name}_") and len(cols) == 1
              else f"op.drop_index({q(era, ix)}, table_name={q(era, t.name)})" for ix, cols in t.indexes.items()]
        up.append(f"op.drop_table({q(era, t.name)})")
        # The downgrade is what autogenerate writes from the reflected table.
        down = [f"op.create_table({q(era, t.name)},"]
        if t.pk == "int":
            down.append(f"    sa.Column({q(era, 'id')}, sa.INTEGER(), autoincrement=True, nullable=False),")
        else:
            down.append(f"    sa.Column({q(era, 'id')}, postgresql.UUID(), server_default=sa.text({q(era, 'gen_random_uuid()')}), "
                        f"autoincrement=False, nullable=False),")
        for c in t.columns.values():
            default = f"server_default={c.default}, " if c.default else ""
            down.append(f"    sa.Column({q(era, c.name)}, {type_source(era, c, reflected=True)}, {default}"
                        f"autoincrement=False, nullable={c.nullable}),")
        for name, (col, ref, ondelete) in t.fks.items():
            od = f", ondelete={q(era, ondelete)}" if ondelete else ""
            down.append(f"    sa.ForeignKeyConstraint([{q(era, col)}], [{q(era, ref + '.id')}], name={q(era, name)}{od}),")
        for name, cols in t.uniques.items():
            down.append(f"    sa.UniqueConstraint({', '.join(q(era, c) for c in cols)}, name={q(era, name)}),")
        for name, expr in t.checks.items():
            down.append(f"    sa.CheckConstraint({q(era, expr)}, name={q(era, name)}),")
        down.append(f"    sa.PrimaryKeyConstraint({q(era, 'id')}, name={q(era, t.name + '_pkey')})")
        down.append(")")
        for ix, cols in t.indexes.items():
            down.append(f"op.create_index({q(era, ix)}, {q(era, t.name)}, [{', '.join(q(era, c) for c in cols)}], unique=False)")
        del self.tables[t.name]
        return self.rng.choice([f"drop {t.name}", f"remove the {t.name.replace('_', ' ')} feature"]), up, down

    def one(self, era, index, total):
        early = index < total * 0.35
        if self.only_new_tables:
            return self.new_table(era)
        makers = [
            (self.new_table, 9 if early else 2),
            (self.add_columns, 8),
            (self.add_index, 5),
            (self.composite_index, 2),
            (self.add_fk, 4),
            (self.make_required, 3),
            (self.widen_string, 3),
            (self.rename_column, 2),
            (self.drop_column, 2),
            (self.add_unique, 2),
            (self.add_check, 2),
            (self.comment, 2),
            (self.set_default, 2),
            (self.drop_table, 0 if early else 1),
        ]
        while True:
            maker = self.rng.choices([m for m, _ in makers], [w for _, w in makers])[0]
            made = maker(era)
            if made is None:
                continue
            message, up, down = made
            # autogenerate often finds a few things at once
            if self.rng.random() < 0.25:
                extra = self.rng.choice([self.add_index, self.add_columns, self.comment])(era)
                if extra is not None:
                    up += extra[1]
                    down = extra[2] + down
            return message, up, down


def renames_key(renames, new):
    return next(k for k, v in renames.items() if v == new)


# --------------------------------------------------------------------------- files


def slug_of(message: str) -> str:
    if message == "empty message":  # `alembic revision` without -m: the file has no slug
        return ""
    slug = "_".join(re.findall(r"\w+", message)).lower()
    if len(slug) > 40:
        slug = slug[:40].rsplit("_", 1)[0] + "_"
    return slug


def file_name(rev: str, message: str, when: datetime.datetime) -> str:
    return f"{when:%Y_%m_%d_%H%M}-{rev}_{slug_of(message)}.py"


def bulk_file(era: Era, rev: str, down: str, when: datetime.datetime, message: str, up_lines, down_lines,
              autogenerated: bool) -> str:
    body_up = list(up_lines)
    body_down = list(down_lines)
    if era.double_quotes:  # the formatter rewrote every simple string literal
        requote = lambda line: re.sub(r"sa\.text\('([^'\"]*)'\)", r'sa.text("\1")', line)
        body_up, body_down = [requote(x) for x in body_up], [requote(x) for x in body_down]
    if autogenerated:
        body_up = ["# ### commands auto generated by Alembic - please adjust! ###"] + body_up + ["# ### end Alembic commands ###"]
        body_down = ["# ### commands auto generated by Alembic - please adjust! ###"] + body_down + ["# ### end Alembic commands ###"]
    if era.lock_timeout:
        body_up = ["op.execute(\"SET LOCAL lock_timeout = '5s'\")"] + body_up
    uses_utc = any("UTCDateTime" in line for line in up_lines + down_lines)
    uses_pg = any("postgresql." in line for line in up_lines + down_lines)
    imports = []
    if era.typed_header:
        imports.append("from typing import Sequence, Union\n")
    imports.append("from alembic import op")
    imports.append("import sqlalchemy as sa")
    if era.dotted_utc:
        imports.append("import app.db.types")
    if uses_pg:
        imports.append("from sqlalchemy.dialects import postgresql")
    if uses_utc and not era.dotted_utc:
        imports.append("\nfrom app.db.types import UTCDateTime")
    if era.typed_header:
        ids = (f"revision: str = {q(era, rev)}\n"
               f"down_revision: Union[str, Sequence[str], None] = {q(era, down)}\n"
               "branch_labels: Union[str, Sequence[str], None] = None\n"
               "depends_on: Union[str, Sequence[str], None] = None\n")
        sig_up, sig_down = "def upgrade() -> None:", "def downgrade() -> None:"
    else:
        ids = (f"revision = {q(era, rev)}\ndown_revision = {q(era, down)}\n"
               "branch_labels = None\ndepends_on = None\n")
        sig_up, sig_down = "def upgrade():", "def downgrade():"
    indent = lambda lines: "\n".join("    " + line for line in lines)
    return (f'"""{message}\n\nRevision ID: {rev}\nRevises: {down}\nCreate Date: {when:%Y-%m-%d %H:%M:%S}.{when.microsecond:06d}\n\n"""\n'
            + "\n".join(imports) + "\n\n\n"
            + "# revision identifiers, used by Alembic.\n" + ids + "\n\n"
            + sig_up + "\n" + indent(body_up) + "\n\n\n" + sig_down + "\n" + indent(body_down) + "\n")


HEADER_REVISES = re.compile(r"^Revises:.*$", re.M)
HEADER_DATE = re.compile(r"^Create Date:.*$", re.M)
DOWN_LINE = re.compile(r"^(down_revision(?::[^=]*)?\s*=\s*).*$", re.M)


def thread_hand_file(path: Path, down, when: datetime.datetime) -> tuple[str, str]:
    text = path.read_text()
    revises = ", ".join(down) if isinstance(down, tuple) else (down or "")
    text = HEADER_REVISES.sub(f"Revises: {revises}", text, count=1)
    text = HEADER_DATE.sub(f"Create Date: {when:%Y-%m-%d %H:%M:%S}.{when.microsecond:06d}", text, count=1)
    text = DOWN_LINE.sub(lambda m: m.group(1) + repr(down), text, count=1)
    message = text.split('"""', 2)[1].splitlines()[0].strip()
    return text, message


def main():
    rng = random.Random(SEED)
    hand = {}
    for path in VERSIONS.glob("*.py"):
        m = re.search(r"^revision(?::\s*str)?\s*=\s*['\"]([0-9a-f]+)['\"]", path.read_text(), re.M)
        rev = m.group(1) if m else None
        if rev in {entry[1] for entry in PLAN if entry[0] == "hand"}:
            hand[rev] = path
        else:
            path.unlink()
    missing = [entry[1] for entry in PLAN if entry[0] == "hand" and entry[1] not in hand]
    if missing:
        raise SystemExit(f"hand-written revisions missing from {VERSIONS}: {missing}")

    total = sum(entry[1] if entry[0] == "bulk" else 1 for entry in PLAN if entry[0] in ("bulk", "hand"))
    bulk = Bulk(rng)
    when = datetime.datetime(2023, 1, 9, 9, 12, 41, 118230)
    head = None
    fork_point = other = None
    index = 0
    written = []

    def advance():
        nonlocal when
        when += datetime.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5, 8]), hours=rng.randint(0, 6),
                                   minutes=rng.randint(0, 59), seconds=rng.randint(0, 59),
                                   microseconds=rng.randint(0, 999999))
        if when.hour >= 19:  # nobody here writes migrations at night
            when = (when + datetime.timedelta(days=1)).replace(hour=9)
        elif when.hour < 8:
            when = when.replace(hour=9)

    for entry in PLAN:
        if entry[0] == "fork":
            fork_point = head
            continue
        if entry[0] == "switch":
            other, head = head, fork_point
            bulk.only_new_tables = True  # the two lines must not touch the same tables
            continue
        if entry[0] == "hand":
            rev = entry[1]
            path = hand[rev]
            text = path.read_text()
            is_merge = "merge" in text.split('"""', 2)[1].lower() and other is not None
            down = (other, head) if is_merge else head
            if is_merge:
                other = None
                bulk.only_new_tables = False
            advance()
            text, message = thread_hand_file(path, down, when)
            path.unlink()
            target = VERSIONS / file_name(rev, message, when)
            target.write_text(text)
            written.append(target.name)
            head = rev
            index += 1
            continue
        for _ in range(entry[1]):
            era = Era(index, total)
            rev = "%012x" % rng.getrandbits(48)
            message, up, down_lines = bulk.one(era, index, total)
            advance()
            autogen = rng.random() < 0.8
            if rng.random() < 0.04:
                down_lines = ["pass"]
            source = bulk_file(era, rev, head, when, message, up, down_lines, autogen)
            target = VERSIONS / file_name(rev, message, when)
            target.write_text(source)
            written.append(target.name)
            head = rev
            index += 1
    print(f"{len(written)} revisions, head {head}")


if __name__ == "__main__":
    main()
