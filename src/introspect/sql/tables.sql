-- Tables of the managed schemas with their comments, row level security, partition key, parent
-- and bound (partitions) or parents (plain inheritance), storage parameters (their TOAST
-- table's prefixed "toast."); not the version table ($2.$3;
-- $4: the table named $3 in every schema), not those of extensions.
SELECT n.nspname AS schema, c.relname AS name, c.oid AS oid,
       d.description AS comment, c.relrowsecurity AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END
         AS partition_by,
       CASE WHEN c.relispartition
            THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) ELSE '' END AS partition_bound,
       ARRAY(SELECT pn.nspname FROM pg_catalog.pg_inherits i
             JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
             JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
             WHERE i.inhrelid = c.oid ORDER BY i.inhseqno)::text[] AS parent_schemas,
       ARRAY(SELECT p.relname FROM pg_catalog.pg_inherits i
             JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
             WHERE i.inhrelid = c.oid ORDER BY i.inhseqno)::text[] AS parent_names,
       (coalesce(c.reloptions, '{}') ||
        ARRAY(SELECT 'toast.' || o FROM pg_catalog.pg_class toast,
                     unnest(toast.reloptions) WITH ORDINALITY AS u(o, k)
              WHERE toast.oid = c.reltoastrelid ORDER BY k))::text[] AS storage
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[])
  AND NOT ((n.nspname = $2 OR $4) AND c.relname = $3)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, c.relname
