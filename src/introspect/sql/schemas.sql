-- The managed schemas that exist ($1: managed schema names), with their comments.
SELECT n.nspname AS name, pg_catalog.obj_description(n.oid, 'pg_namespace') AS comment
FROM pg_catalog.pg_namespace n
WHERE n.nspname = ANY ($1::text[])
ORDER BY n.nspname
