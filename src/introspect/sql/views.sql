-- Views and materialized views of the managed schemas as CREATE statements: the query as
-- pg_get_viewdef prints it (names qualified: search_path is empty), options (security_barrier,
-- check_option, ...) in WITH; not those of extensions. Columns of every object query: kind,
-- schema, name, signature, definition, comment, catalog and oid (for dependencies.sql).
SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized_view' END AS kind,
       n.nspname AS schema, c.relname AS name, '' AS signature,
       'CREATE ' || CASE c.relkind WHEN 'v' THEN 'VIEW ' ELSE 'MATERIALIZED VIEW ' END
         || c.oid::pg_catalog.regclass::text
         || CASE WHEN c.reloptions IS NULL THEN ''
                 ELSE ' WITH (' || array_to_string(c.reloptions, ', ') || ')' END
         || E' AS\n' || rtrim(pg_catalog.pg_get_viewdef(c.oid, true), E'; \n') AS definition,
       d.description AS comment, 'pg_class' AS catalog, c.oid AS oid
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, c.relname
