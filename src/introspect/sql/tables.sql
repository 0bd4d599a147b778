-- Tables of the managed schemas with their comments; not the version table ($2.$3), not
-- those of extensions.
SELECT n.nspname AS schema, c.relname AS name,
       d.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[])
  AND NOT (n.nspname = $2 AND c.relname = $3)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, c.relname
