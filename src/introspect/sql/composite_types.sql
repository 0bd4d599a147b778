-- Composite types (CREATE TYPE ... AS (...)) of the managed schemas with their attributes in
-- order; not the row types of tables and views, not those of extensions.
SELECT 'composite_type' AS kind, n.nspname AS schema, t.typname AS name, '' AS signature,
       'CREATE TYPE ' || t.oid::pg_catalog.regtype::text || ' AS ('
         || COALESCE((SELECT E'\n    ' || string_agg(
                               quote_ident(a.attname) || ' '
                               || format_type(a.atttypid, a.atttypmod)
                               || CASE WHEN a.attcollation <> 0
                                            AND a.attcollation <> at.typcollation
                                       THEN ' COLLATE ' || quote_ident(cn.nspname) || '.'
                                            || quote_ident(co.collname) ELSE '' END,
                               E',\n    ' ORDER BY a.attnum) || E'\n'
                      FROM pg_catalog.pg_attribute a
                      JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                      LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
                      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                      WHERE a.attrelid = t.typrelid AND a.attnum > 0
                        AND NOT a.attisdropped), '') || ')' AS definition,
       d.description AS comment, 'pg_type' AS catalog, t.oid AS oid
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_class r ON r.oid = t.typrelid AND r.relkind = 'c'
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
WHERE t.typtype = 'c' AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_type'::regclass AND x.objid = t.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, t.typname
