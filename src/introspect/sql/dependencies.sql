-- Who needs whom among user objects (oids past FirstNormalObjectId): pg_depend's normal and
-- automatic dependencies with each side resolved to the object that owns it: a view's rewrite
-- rule to the view, a column default or a table constraint to the table, a domain constraint
-- to the domain, a composite type's relation to the type, a table's row type to the table, an
-- array type to its element type. Catalogs are named as regclass prints them (pg_catalog is
-- always on the search path: `pg_class`). The caller keeps the pairs whose both sides it knows.
WITH edge AS (
  SELECT d.classid, d.objid, d.refclassid, d.refobjid
  FROM pg_catalog.pg_depend d
  WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384
),
owner AS (
  SELECT e.*,
         CASE e.classid
           WHEN 'pg_catalog.pg_rewrite'::regclass THEN 'pg_class'
           WHEN 'pg_catalog.pg_attrdef'::regclass THEN 'pg_class'
           WHEN 'pg_catalog.pg_constraint'::regclass THEN
             CASE WHEN con.contypid <> 0 THEN 'pg_type' ELSE 'pg_class' END
           WHEN 'pg_catalog.pg_class'::regclass THEN
             CASE WHEN rel.relkind = 'c' THEN 'pg_type' ELSE 'pg_class' END
           ELSE e.classid::pg_catalog.regclass::text END AS catalog,
         CASE e.classid
           WHEN 'pg_catalog.pg_rewrite'::regclass THEN rw.ev_class
           WHEN 'pg_catalog.pg_attrdef'::regclass THEN ad.adrelid
           WHEN 'pg_catalog.pg_constraint'::regclass THEN
             CASE WHEN con.contypid <> 0 THEN con.contypid ELSE con.conrelid END
           WHEN 'pg_catalog.pg_class'::regclass THEN
             CASE WHEN rel.relkind = 'c' THEN rel.reltype ELSE e.objid END
           ELSE e.objid END AS oid
  FROM edge e
  LEFT JOIN pg_catalog.pg_rewrite rw
    ON e.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = e.objid
  LEFT JOIN pg_catalog.pg_attrdef ad
    ON e.classid = 'pg_catalog.pg_attrdef'::regclass AND ad.oid = e.objid
  LEFT JOIN pg_catalog.pg_constraint con
    ON e.classid = 'pg_catalog.pg_constraint'::regclass AND con.oid = e.objid
  LEFT JOIN pg_catalog.pg_class rel
    ON e.classid = 'pg_catalog.pg_class'::regclass AND rel.oid = e.objid
)
SELECT DISTINCT o.catalog, o.oid,
       CASE WHEN o.refclassid = 'pg_catalog.pg_type'::regclass AND rel.relkind <> 'c'
              THEN 'pg_class'
            ELSE o.refclassid::pg_catalog.regclass::text END AS ref_catalog,
       CASE WHEN o.refclassid <> 'pg_catalog.pg_type'::regclass THEN o.refobjid
            WHEN rel.relkind <> 'c' THEN rel.oid
            WHEN elem.oid IS NOT NULL THEN elem.oid
            ELSE o.refobjid END AS ref_oid
FROM owner o
LEFT JOIN pg_catalog.pg_type rt
  ON o.refclassid = 'pg_catalog.pg_type'::regclass AND rt.oid = o.refobjid
LEFT JOIN pg_catalog.pg_class rel ON rel.oid = rt.typrelid
LEFT JOIN pg_catalog.pg_type elem ON rt.typelem <> 0 AND elem.typarray = rt.oid
                                 AND elem.oid = rt.typelem
ORDER BY 1, 2, 3, 4
