-- Primary key, foreign key, unique, check and exclusion constraints of the managed schemas;
-- not those a partition or an inheritance child only inherits or clones from its parent. With
-- their comments.
SELECT n.nspname AS schema, c.relname AS table_name, con.conname AS name, con.contype AS kind,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
             ORDER BY k.ord)::text[] AS columns,
       COALESCE(rn.nspname, '') AS ref_schema, COALESCE(rc.relname, '') AS ref_table,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
             ORDER BY k.ord)::text[] AS ref_columns,
       con.confdeltype AS on_delete, con.confupdtype AS on_update,
       con.condeferrable AS deferrable, con.condeferred AS deferred,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END
         AS expression,
       pg_catalog.pg_get_constraintdef(con.oid) AS definition,
       pg_catalog.obj_description(con.oid, 'pg_constraint') AS comment
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'f', 'u', 'c', 'x') AND c.relkind IN ('r', 'p')
  AND con.conislocal AND con.conparentid = 0
  AND n.nspname = ANY ($1::text[])
ORDER BY n.nspname, c.relname, con.conname
