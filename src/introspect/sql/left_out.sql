-- What lies outside the managed schemas ($1), PostgreSQL's own left aside: each relation by
-- schema and name (table, view, sequence, composite type...), and a row without a name for a
-- schema that holds an enum, domain, range type or function, or that is not public (someone
-- made it). After a replay from an empty database, all of it is the chain's.
SELECT n.nspname AS schema, c.relname AS relation
FROM pg_catalog.pg_namespace n
JOIN pg_catalog.pg_class c
  ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
WHERE n.nspname <> ALL ($1::text[]) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
UNION ALL
SELECT n.nspname, NULL
FROM pg_catalog.pg_namespace n
WHERE n.nspname <> ALL ($1::text[]) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND (n.nspname <> 'public'
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t
                  WHERE t.typnamespace = n.oid AND t.typtype IN ('e', 'd', 'r'))
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = n.oid))
ORDER BY 1, 2
