-- Domains of the managed schemas as CREATE DOMAIN: base type, collation when not the base
-- type's, default, NOT NULL and the check constraints by name; not those of extensions.
SELECT 'domain' AS kind, n.nspname AS schema, t.typname AS name, '' AS signature,
       'CREATE DOMAIN ' || t.oid::pg_catalog.regtype::text || ' AS '
         || format_type(t.typbasetype, t.typtypmod)
         || CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
                 THEN (SELECT ' COLLATE ' || quote_ident(cn.nspname) || '.'
                              || quote_ident(co.collname)
                       FROM pg_catalog.pg_collation co
                       JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                       WHERE co.oid = t.typcollation) ELSE '' END
         || CASE WHEN t.typdefaultbin IS NULL THEN ''
                 ELSE ' DEFAULT ' || pg_catalog.pg_get_expr(t.typdefaultbin, 0) END
         || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
         || COALESCE((SELECT string_agg(E'\n  CONSTRAINT ' || quote_ident(con.conname) || ' '
                                        || pg_catalog.pg_get_constraintdef(con.oid), ''
                                        ORDER BY con.conname)
                      FROM pg_catalog.pg_constraint con
                      WHERE con.contypid = t.oid AND con.contype = 'c'), '') AS definition,
       d.description AS comment, 'pg_type' AS catalog, t.oid AS oid
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
WHERE t.typtype = 'd' AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_type'::regclass AND x.objid = t.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, t.typname
