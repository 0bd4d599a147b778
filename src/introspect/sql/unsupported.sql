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
  -- Comments the model has no place for: on indexes of tables, sequences, table constraints
  -- and enum types (those on tables, columns, views, functions, ... are carried).
  SELECT 'comment on ' || CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'index' END,
         n.nspname || '.' || c.relname
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_class c ON d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = c.oid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE d.objsubid = 0 AND n.nspname = ANY ($1::text[])
    AND (c.relkind = 'S' OR (c.relkind IN ('i', 'I') AND EXISTS (
           SELECT 1 FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
           WHERE x.indexrelid = c.oid AND t.relkind IN ('r', 'p'))))
  UNION ALL
  SELECT 'comment on constraint', n.nspname || '.' || t.relname || '.' || con.conname
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_constraint con
    ON d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objoid = con.oid
  JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  WHERE n.nspname = ANY ($1::text[])
  UNION ALL
  SELECT 'comment on type', n.nspname || '.' || t.typname
  FROM pg_catalog.pg_description d
  JOIN pg_catalog.pg_type t ON d.classoid = 'pg_catalog.pg_type'::regclass AND d.objoid = t.oid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype = 'e' AND n.nspname = ANY ($1::text[])
  UNION ALL
  SELECT 'rule', n.nspname || '.' || c.relname || '.' || r.rulename
  FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN' AND n.nspname = ANY ($1::text[])
) objects
ORDER BY kind, name
