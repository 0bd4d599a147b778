-- Functions and procedures of the managed schemas (any language, every overload) as
-- pg_get_functiondef prints them; aggregates are refused by unsupported.sql, functions of
-- extensions are theirs.
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
       n.nspname AS schema, p.proname AS name,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS signature,
       rtrim(pg_catalog.pg_get_functiondef(p.oid), E'\n') AS definition,
       d.description AS comment, 'pg_proc' AS catalog, p.oid AS oid
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass AND d.objsubid = 0
WHERE p.prokind IN ('f', 'p', 'w') AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_proc'::regclass AND x.objid = p.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, p.proname, signature
