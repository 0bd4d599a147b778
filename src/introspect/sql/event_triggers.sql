-- Event triggers of the database (they belong to no schema) whose function is in a managed
-- schema, as CREATE EVENT TRIGGER plus the ALTER that restores a state other than enabled.
SELECT 'event_trigger' AS kind, '' AS schema, e.evtname AS name, '' AS signature,
       'CREATE EVENT TRIGGER ' || quote_ident(e.evtname) || ' ON ' || quote_ident(e.evtevent)
         || CASE WHEN e.evttags IS NULL THEN ''
                 ELSE E'\n  WHEN TAG IN ('
                      || (SELECT string_agg(quote_literal(tag), ', ' ORDER BY ord)
                          FROM unnest(e.evttags) WITH ORDINALITY u(tag, ord)) || ')' END
         || E'\n  EXECUTE FUNCTION ' || e.evtfoid::pg_catalog.regproc::text || '()'
         || CASE e.evtenabled
              WHEN 'O' THEN ''
              ELSE E';\nALTER EVENT TRIGGER ' || quote_ident(e.evtname)
                   || CASE e.evtenabled WHEN 'D' THEN ' DISABLE' WHEN 'R' THEN ' ENABLE REPLICA'
                                        ELSE ' ENABLE ALWAYS' END END AS definition,
       d.description AS comment, 'pg_event_trigger' AS catalog, e.oid AS oid
FROM pg_catalog.pg_event_trigger e
JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = e.oid AND d.classoid = 'pg_catalog.pg_event_trigger'::regclass
 AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_event_trigger'::regclass
                    AND x.objid = e.oid AND x.deptype = 'e')
ORDER BY e.evtname
