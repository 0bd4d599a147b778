-- Indexes of the managed schemas that do not back a constraint and are not a partition's share
-- of its parent's index, key by key; a key carries its opclass (when not the default) and
-- ordering (DESC, NULLS FIRST/LAST) as pg_get_indexdef prints; with the index's comment and
-- storage parameters (reloptions).
SELECT n.nspname AS schema, t.relname AS table_name, i.relname AS name,
       x.indisunique AS is_unique, am.amname AS method,
       ARRAY(SELECT CASE WHEN x.indkey[k - 1] <> 0 THEN quote_ident(a.attname)
                         ELSE pg_catalog.pg_get_indexdef(x.indexrelid, k, true) END
                    || CASE WHEN opc.opcdefault THEN ''
                            WHEN ocn.nspname = 'pg_catalog' THEN ' ' || quote_ident(opc.opcname)
                            ELSE ' ' || quote_ident(ocn.nspname) || '.' || quote_ident(opc.opcname)
                       END
                    || CASE WHEN NOT pg_catalog.pg_indexam_has_property(am.oid, 'can_order')
                              THEN ''
                            WHEN (x.indoption[k - 1] & 1) = 1
                              THEN ' DESC' || CASE WHEN (x.indoption[k - 1] & 2) = 2 THEN ''
                                                   ELSE ' NULLS LAST' END
                            WHEN (x.indoption[k - 1] & 2) = 2 THEN ' NULLS FIRST'
                            ELSE '' END
             FROM generate_series(1, x.indnkeyatts) k
             LEFT JOIN pg_catalog.pg_attribute a
               ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1]
             JOIN pg_catalog.pg_opclass opc ON opc.oid = x.indclass[k - 1]
             JOIN pg_catalog.pg_namespace ocn ON ocn.oid = opc.opcnamespace
             ORDER BY k)::text[] AS keys,
       ARRAY(SELECT quote_ident(a.attname)
             FROM generate_series(x.indnkeyatts + 1, x.indnatts) k
             JOIN pg_catalog.pg_attribute a
               ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1]
             ORDER BY k)::text[] AS include,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid, true) AS predicate,
       x.indnullsnotdistinct AS nulls_not_distinct,
       pg_catalog.obj_description(i.oid, 'pg_class') AS comment,
       coalesce(i.reloptions, '{}')::text[] AS storage
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = i.relam
WHERE t.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[]) AND NOT i.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = x.indexrelid
                  AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, i.relname
