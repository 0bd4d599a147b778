-- ALTER DEFAULT PRIVILEGES (--privileges only) that reach the managed schemas ($1): those of a
-- managed schema, and those for all schemas. They change what every new object gets, so a
-- baseline built where they differ would not compare equal: refused, one row each.
SELECT 'default privileges' AS kind,
       'of role ' || r.rolname || CASE WHEN d.defaclnamespace = 0 THEN ' in all schemas'
                                       ELSE ' in schema ' || n.nspname END
       || ' on ' || CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
                                         WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types'
                                         ELSE 'schemas' END AS name
FROM pg_catalog.pg_default_acl d
JOIN pg_catalog.pg_roles r ON r.oid = d.defaclrole
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
WHERE d.defaclnamespace = 0 OR n.nspname = ANY ($1::text[])
ORDER BY name
