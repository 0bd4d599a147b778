-- Objects in the managed schemas (or outside them but used by them) that the model does not
-- carry yet: a squash must refuse rather than lose them. One row per object: kind and name.
SELECT kind, name FROM (
  SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                        WHEN 'f' THEN 'foreign table' END AS kind,
         n.nspname || '.' || c.relname AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm', 'f') AND n.nspname = ANY ($1::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_class'::regclass
                    AND x.objid = c.oid AND x.deptype = 'e')
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = ANY ($1::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_proc'::regclass
                    AND x.objid = p.oid AND x.deptype = 'e')
  UNION ALL
  SELECT 'trigger', n.nspname || '.' || c.relname || '.' || t.tgname
  FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT t.tgisinternal AND n.nspname = ANY ($1::text[])
  UNION ALL
  SELECT 'row level security', n.nspname || '.' || c.relname
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND n.nspname = ANY ($1::text[])
  UNION ALL
  SELECT 'policy', n.nspname || '.' || c.relname || '.' || pol.polname
  FROM pg_catalog.pg_policy pol JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY ($1::text[])
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type' ELSE 'range type' END,
         n.nspname || '.' || t.typname
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND EXISTS (
           SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c')))
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_type'::regclass
                    AND x.objid = t.oid AND x.deptype = 'e')
  UNION ALL
  SELECT 'table inheritance', n.nspname || '.' || c.relname
  FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY ($1::text[])
) objects
ORDER BY kind, name
