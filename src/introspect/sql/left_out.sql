-- What lies outside the managed schemas ($1), PostgreSQL's own and extensions' members left
-- aside. Each relation by schema and name (table, view, sequence, composite type...), with the
-- table that owns it for a sequence (serial, identity); and a row without a relation for each
-- schema, saying whether it holds an enum, domain, range type or function, or has a comment
-- (public's default one aside). After a replay from an empty database, all of it is the chain's.
SELECT n.nspname AS schema, c.relname AS relation, NULL::boolean AS holds,
       owner.relname AS owner
FROM pg_catalog.pg_namespace n
JOIN pg_catalog.pg_class c
  ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
LEFT JOIN pg_catalog.pg_depend owned
  ON owned.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND owned.objid = c.oid
     AND owned.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
     AND owned.deptype IN ('a', 'i') AND c.relkind = 'S'
LEFT JOIN pg_catalog.pg_class owner ON owner.oid = owned.refobjid
WHERE n.nspname <> ALL ($1::text[]) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT n.nspname, NULL,
       EXISTS (SELECT 1 FROM pg_catalog.pg_type t
               WHERE t.typnamespace = n.oid AND t.typtype IN ('e', 'd', 'r')
                 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                 WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                                   AND d.objid = t.oid AND d.deptype = 'e'))
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p
                  WHERE p.pronamespace = n.oid
                    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                    WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                                      AND d.objid = p.oid AND d.deptype = 'e'))
       OR pg_catalog.obj_description(n.oid, 'pg_namespace')
            IS DISTINCT FROM CASE n.nspname WHEN 'public' THEN 'standard public schema' END,
       NULL
FROM pg_catalog.pg_namespace n
WHERE n.nspname <> ALL ($1::text[]) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                    AND d.objid = n.oid AND d.deptype = 'e')
ORDER BY 1, 2
