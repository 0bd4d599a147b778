-- Triggers (constraint triggers included) on the tables and views of the managed schemas, as
-- pg_get_triggerdef prints them, followed by the ALTER TABLE that restores a state other than
-- enabled; not the internal ones (foreign keys) nor the clones a partition gets from its parent.
SELECT 'trigger' AS kind, n.nspname AS schema, t.tgname AS name,
       c.oid::pg_catalog.regclass::text AS signature,
       pg_catalog.pg_get_triggerdef(t.oid)
         || CASE t.tgenabled
              WHEN 'O' THEN ''
              ELSE E';\nALTER TABLE ' || c.oid::pg_catalog.regclass::text
                   || CASE t.tgenabled WHEN 'D' THEN ' DISABLE' WHEN 'R' THEN ' ENABLE REPLICA'
                                       ELSE ' ENABLE ALWAYS' END
                   || ' TRIGGER ' || quote_ident(t.tgname) END AS definition,
       d.description AS comment, 'pg_trigger' AS catalog, t.oid AS oid
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_trigger'::regclass AND d.objsubid = 0
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid
                    AND x.deptype = 'e')
ORDER BY n.nspname, c.relname, t.tgname
