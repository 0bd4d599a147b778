-- The managed schemas that exist ($1: managed schema names).
SELECT n.nspname AS name
FROM pg_catalog.pg_namespace n
WHERE n.nspname = ANY ($1::text[])
ORDER BY n.nspname
