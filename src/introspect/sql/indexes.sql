-- Indexes of the managed schemas that do not back a constraint, key by key.
SELECT n.nspname AS schema, t.relname AS table_name, i.relname AS name,
       x.indisunique AS is_unique, am.amname AS method,
       ARRAY(SELECT CASE WHEN x.indkey[k - 1] <> 0 THEN quote_ident(a.attname)
                         ELSE pg_catalog.pg_get_indexdef(x.indexrelid, k, true) END
             FROM generate_series(1, x.indnkeyatts) k
             LEFT JOIN pg_catalog.pg_attribute a
               ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1]
             ORDER BY k)::text[] AS keys,
       ARRAY(SELECT quote_ident(a.attname)
             FROM generate_series(x.indnkeyatts + 1, x.indnatts) k
             JOIN pg_catalog.pg_attribute a
               ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1]
             ORDER BY k)::text[] AS include,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid, true) AS predicate,
       x.indnullsnotdistinct AS nulls_not_distinct
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = i.relam
WHERE t.relkind IN ('r', 'p') AND n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = x.indexrelid
                  AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, i.relname
