-- Row level security policies on the tables of the managed schemas, as the CREATE POLICY that
-- gives them back (PostgreSQL has no pg_get_policydef): expressions from pg_get_expr, roles by
-- name (PUBLIC for none).
SELECT 'policy' AS kind, n.nspname AS schema, pol.polname AS name,
       c.oid::pg_catalog.regclass::text AS signature,
       'CREATE POLICY ' || quote_ident(pol.polname) || ' ON ' || c.oid::pg_catalog.regclass::text
         || ' AS ' || CASE WHEN pol.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END
         || ' FOR ' || CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'
                                      WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE'
                                      ELSE 'ALL' END
         || ' TO ' || CASE WHEN pol.polroles = '{0}' THEN 'PUBLIC'
                           ELSE (SELECT string_agg(quote_ident(r.rolname), ', '
                                                   ORDER BY r.rolname)
                                 FROM pg_catalog.pg_roles r WHERE r.oid = ANY (pol.polroles))
                      END
         || CASE WHEN pol.polqual IS NULL THEN ''
                 ELSE ' USING (' || pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) || ')' END
         || CASE WHEN pol.polwithcheck IS NULL THEN ''
                 ELSE ' WITH CHECK (' || pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid)
                      || ')' END AS definition,
       d.description AS comment, 'pg_policy' AS catalog, pol.oid AS oid
FROM pg_catalog.pg_policy pol
JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = pol.oid AND d.classoid = 'pg_catalog.pg_policy'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[])
ORDER BY n.nspname, c.relname, pol.polname
