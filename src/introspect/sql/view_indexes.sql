-- Indexes on the materialized views of the managed schemas, as pg_get_indexdef prints them.
SELECT 'index' AS kind, n.nspname AS schema, i.relname AS name,
       c.oid::pg_catalog.regclass::text AS signature,
       pg_catalog.pg_get_indexdef(i.oid) AS definition,
       d.description AS comment, 'pg_class' AS catalog, i.oid AS oid
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = i.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind = 'm' AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, i.relname
