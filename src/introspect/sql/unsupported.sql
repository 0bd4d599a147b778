-- Objects in the managed schemas that the model does not carry yet: a squash must refuse
-- rather than lose them. One row per object: kind and name. (Privileges and ownership are out
-- of scope by design, not refused.)
SELECT kind, name FROM (
  SELECT 'foreign table' AS kind, n.nspname || '.' || c.relname AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'f' AND n.nspname = ANY ($1::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_class'::regclass
                    AND x.objid = c.oid AND x.deptype = 'e')
  UNION ALL
  -- CREATE UNLOGGED TABLE / SEQUENCE: the model carries no persistence, so a baseline would
  -- make them logged, and a comparison of two models would not see it.
  SELECT CASE c.relkind WHEN 'S' THEN 'unlogged sequence' ELSE 'unlogged table' END,
         n.nspname || '.' || c.relname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relpersistence = 'u' AND c.relkind IN ('r', 'p', 'S') AND n.nspname = ANY ($1::text[])
  UNION ALL
  SELECT 'aggregate',
         n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind = 'a' AND n.nspname = ANY ($1::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_proc'::regclass
                    AND x.objid = p.oid AND x.deptype = 'e')
  UNION ALL
  SELECT CASE t.typtype WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type'
                        ELSE 'base type' END,
         n.nspname || '.' || t.typname
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = ANY ($1::text[]) AND t.typtype IN ('r', 'b')
    AND t.typelem = 0
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_type'::regclass
                    AND x.objid = t.oid AND x.deptype = 'e')
  UNION ALL
  -- An identity's sequence follows its column's type unless altered by hand; the model has
  -- the column's type only.
  SELECT 'identity sequence',
         n.nspname || '.' || c.relname || '.' || a.attname || ' (' ||
           pg_catalog.format_type(s.seqtypid, NULL) || ', the column is ' ||
           pg_catalog.format_type(a.atttypid, NULL) || ')'
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_depend d
    ON d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
   AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i'
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid
  WHERE a.attidentity <> '' AND s.seqtypid <> a.atttypid AND n.nspname = ANY ($1::text[])
  UNION ALL
  -- Comments the model leaves out with what carries them: on the index of a constraint (the
  -- constraint carries its own) or a partition's share of its parent's index, on an identity's
  -- sequence, on inherited constraints and those of domains, on columns of views, materialized
  -- views, composite types and inherited columns.
  SELECT 'comment on index', n.nspname || '.' || c.relname
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_class c ON d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = c.oid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid
  JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
  WHERE d.objsubid = 0 AND n.nspname = ANY ($1::text[]) AND t.relkind IN ('r', 'p')
    AND (c.relispartition OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                                     WHERE con.conindid = c.oid AND con.contype IN ('p', 'u', 'x')))
  UNION ALL
  SELECT 'comment on identity sequence', n.nspname || '.' || c.relname
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_class c ON d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = c.oid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'S' AND n.nspname = ANY ($1::text[])
    AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_class'::regclass
                AND x.objid = c.oid AND x.deptype = 'i')
  UNION ALL
  SELECT 'comment on constraint',
         n.nspname || '.' || COALESCE(t.relname, y.typname) || '.' || con.conname
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_constraint con
    ON d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objoid = con.oid
  LEFT JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
  LEFT JOIN pg_catalog.pg_type y ON y.oid = con.contypid
  JOIN pg_catalog.pg_namespace n ON n.oid = COALESCE(t.relnamespace, y.typnamespace)
  WHERE n.nspname = ANY ($1::text[])
    AND (con.contypid <> 0 OR NOT con.conislocal OR con.conparentid <> 0
         OR con.contype NOT IN ('p', 'f', 'u', 'c', 'x') OR t.relkind NOT IN ('r', 'p'))
  UNION ALL
  SELECT 'comment on column', n.nspname || '.' || c.relname || '.' || a.attname
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_class c ON d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = c.oid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
  WHERE d.objsubid > 0 AND n.nspname = ANY ($1::text[])
    AND (c.relkind IN ('v', 'm', 'c') OR (c.relkind IN ('r', 'p') AND NOT a.attislocal))
  UNION ALL
  -- An extension's comment is the one its control file gives, unless changed by hand.
  SELECT 'comment on extension', e.extname
  FROM pg_catalog.pg_extension e
  LEFT JOIN pg_catalog.pg_available_extension_versions v
    ON v.name = e.extname AND v.version = e.extversion
  WHERE e.extname <> 'plpgsql'
    AND pg_catalog.obj_description(e.oid, 'pg_extension') IS DISTINCT FROM v.comment
  UNION ALL
  -- Kinds of objects the model has no place for at all (their comments with them).
  SELECT o.kind, n.nspname || '.' || o.name
  FROM (
    SELECT 'pg_catalog.pg_collation'::regclass AS classid, oid, 'collation' AS kind,
           collname::text AS name, collnamespace AS namespace
    FROM pg_catalog.pg_collation
    UNION ALL
    SELECT 'pg_catalog.pg_conversion'::regclass, oid, 'conversion', conname::text, connamespace
    FROM pg_catalog.pg_conversion
    UNION ALL
    SELECT 'pg_catalog.pg_operator'::regclass, oid, 'operator',
           oprname || '(' || oprleft::pg_catalog.regtype::text || ', '
             || oprright::pg_catalog.regtype::text || ')', oprnamespace
    FROM pg_catalog.pg_operator
    UNION ALL
    SELECT 'pg_catalog.pg_opclass'::regclass, c.oid, 'operator class',
           c.opcname || ' USING ' || am.amname, c.opcnamespace
    FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
    UNION ALL
    SELECT 'pg_catalog.pg_opfamily'::regclass, f.oid, 'operator family',
           f.opfname || ' USING ' || am.amname, f.opfnamespace
    FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
    UNION ALL
    SELECT 'pg_catalog.pg_ts_config'::regclass, oid, 'text search configuration',
           cfgname::text, cfgnamespace
    FROM pg_catalog.pg_ts_config
    UNION ALL
    SELECT 'pg_catalog.pg_ts_dict'::regclass, oid, 'text search dictionary', dictname::text,
           dictnamespace
    FROM pg_catalog.pg_ts_dict
    UNION ALL
    SELECT 'pg_catalog.pg_ts_parser'::regclass, oid, 'text search parser', prsname::text,
           prsnamespace
    FROM pg_catalog.pg_ts_parser
    UNION ALL
    SELECT 'pg_catalog.pg_ts_template'::regclass, oid, 'text search template', tmplname::text,
           tmplnamespace
    FROM pg_catalog.pg_ts_template
    UNION ALL
    SELECT 'pg_catalog.pg_statistic_ext'::regclass, oid, 'statistics object', stxname::text,
           stxnamespace
    FROM pg_catalog.pg_statistic_ext
  ) o
  JOIN pg_catalog.pg_namespace n ON n.oid = o.namespace
  WHERE n.nspname = ANY ($1::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = o.classid
                    AND x.objid = o.oid AND x.deptype = 'e')
  UNION ALL
  -- A TOAST table's storage parameters where the table has no column that needs one (its text
  -- column dropped or retyped): a table built from the baseline would get no TOAST table to
  -- hold them.
  SELECT 'storage parameters of the TOAST table of',
         n.nspname || '.' || c.relname || ' (' || array_to_string(toast.reloptions, ', ') || ')'
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_class toast ON toast.oid = c.reltoastrelid
  WHERE toast.reloptions IS NOT NULL AND n.nspname = ANY ($1::text[]) AND c.relkind = 'r'
    AND NOT ((n.nspname = $2 OR $4) AND c.relname = $3)
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid
                    AND a.attnum > 0 AND NOT a.attisdropped AND a.attlen = -1
                    AND a.atttypmod = -1)
  UNION ALL
  -- Storage parameters of the indexes the model does not list: a constraint's (its definition
  -- has no WITH) and a partition's share of its parent's index where they differ from the
  -- parent index's.
  SELECT 'storage parameters of index',
         n.nspname || '.' || i.relname || ' (' || array_to_string(i.reloptions, ', ') || ')'
  FROM pg_catalog.pg_index x
  JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  WHERE i.reloptions IS NOT NULL AND n.nspname = ANY ($1::text[]) AND t.relkind IN ('r', 'p')
    AND NOT ((n.nspname = $2 OR $4) AND t.relname = $3)
    AND (EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = x.indexrelid
                 AND con.contype IN ('p', 'u', 'x'))
         OR (i.relispartition AND i.reloptions IS DISTINCT FROM (
               SELECT p.reloptions FROM pg_catalog.pg_inherits h
               JOIN pg_catalog.pg_class p ON p.oid = h.inhparent WHERE h.inhrelid = i.oid)))
  UNION ALL
  SELECT 'rule', n.nspname || '.' || c.relname || '.' || r.rulename
  FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN' AND n.nspname = ANY ($1::text[])
) objects
ORDER BY kind, name
