-- Enum types of the managed schemas with their labels in sort order and their comments, not
-- those of extensions.
SELECT n.nspname AS schema, t.typname AS name, t.oid AS oid,
       array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels,
       pg_catalog.obj_description(t.oid, 'pg_type') AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid
                    AND d.deptype = 'e')
GROUP BY n.nspname, t.typname, t.oid
ORDER BY n.nspname, t.typname
