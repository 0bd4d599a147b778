-- Owners and privileges (--privileges only) of what the managed schemas hold ($1: managed schema
-- names; $2.$3: the version table, left out; $4: the table $3 of every schema left out): the
-- schemas themselves, tables, views, materialized views, sequences, functions and procedures,
-- enum, domain and composite types, and column privileges. One row per object and grant of its
-- ACL (PostgreSQL's default ACL when it has none); an object whose ACL is empty comes once with
-- a null grantee. The role the query runs as is spelled CURRENT_USER; the grantee 0 is PUBLIC.
-- Grants come in ACL order.
WITH objects AS (
  SELECT 'SCHEMA' AS kind, '' AS schema, n.nspname AS name, '' AS signature, '' AS col,
         n.nspowner AS owner, n.nspacl AS acl, 'n'::"char" AS default_kind, false AS linked
  FROM pg_catalog.pg_namespace n
  WHERE n.nspname = ANY ($1::text[])
  UNION ALL
  SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                        WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
         n.nspname, c.relname, '', '', c.relowner, c.relacl,
         CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char",
         c.relkind = 'S' AND EXISTS (
           SELECT 1 FROM pg_catalog.pg_depend d
           WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
             AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i'))
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname = ANY ($1::text[])
    AND NOT ((n.nspname = $2 OR $4) AND c.relname = $3)
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid
                      AND x.deptype = 'e')
  UNION ALL
  SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                        ELSE 'TABLE' END,
         n.nspname, c.relname, '', a.attname, c.relowner, a.attacl, NULL, false
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
    AND c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY ($1::text[])
    AND NOT ((n.nspname = $2 OR $4) AND c.relname = $3)
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
         n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), '',
         p.proowner, p.proacl, 'f'::"char", false
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'w') AND n.nspname = ANY ($1::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_proc'::regclass AND x.objid = p.oid
                      AND x.deptype = 'e')
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
         n.nspname, t.typname, '', '', t.typowner, t.typacl, 'T'::"char", false
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND (t.typtype IN ('e', 'd')
         OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class r
                                         WHERE r.oid = t.typrelid AND r.relkind = 'c')))
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_type'::regclass AND x.objid = t.oid
                      AND x.deptype = 'e')
)
SELECT o.kind, o.schema, o.name, o.signature, o.col AS column_name, o.linked,
       CASE WHEN o.col <> '' THEN ''
            WHEN owner_role.rolname = current_user THEN 'CURRENT_USER'
            ELSE owner_role.rolname END AS owner,
       CASE WHEN g.grantee IS NULL THEN NULL
            WHEN g.grantee = 0 THEN 'PUBLIC'
            WHEN grantee_role.rolname = current_user THEN 'CURRENT_USER'
            ELSE grantee_role.rolname END AS grantee,
       g.privilege_type AS privilege, g.is_grantable AS grantable,
       grantor_role.rolname AS grantor, g.grantor = o.owner AS granted_by_owner
FROM objects o
JOIN pg_catalog.pg_roles owner_role ON owner_role.oid = o.owner
LEFT JOIN LATERAL pg_catalog.aclexplode(
       COALESCE(o.acl, pg_catalog.acldefault(o.default_kind, o.owner))) WITH ORDINALITY g ON true
LEFT JOIN pg_catalog.pg_roles grantee_role ON grantee_role.oid = g.grantee
LEFT JOIN pg_catalog.pg_roles grantor_role ON grantor_role.oid = g.grantor
ORDER BY o.kind, o.schema, o.name, o.signature, o.col, g.ordinality
