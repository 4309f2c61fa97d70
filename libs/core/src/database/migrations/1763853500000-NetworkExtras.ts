import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the network context needs on top of the Network migration.
 *
 * - `heqi_unit_name_key(name)`: the name an employer is matched on when the exact name fails
 *   (intake routing, network import): full-width brackets and spaces folded, brackets and spaces
 *   dropped, letters upper-cased, and the legal form cut off the end (股份有限公司, 有限责任公司,
 *   有限公司, 股份公司, 公司, then 集团), so 「扬州瑞丰五金制造有限公司」, 「扬州瑞丰五金制造公司」 and
 *   「扬州瑞丰五金制造」 meet. A branch (…分公司) keeps its suffix: it is a different employer from
 *   its head office. The rule lives here only, and lookups apply it to their input in SQL too, so
 *   the stored and the searched side can never disagree. It avoids `normalize()`, which fails on
 *   a database whose encoding is not UTF8, since every insert evaluates the index expression.
 * - One mediator record per phone number and unit: re-importing a file must not duplicate people,
 *   and two concurrent imports cannot both insert one.
 */
export class NetworkExtras1763853500000 implements MigrationInterface {
  name = 'NetworkExtras1763853500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION heqi_unit_name_key(name text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE
                 WHEN folded ~ '分公司$' THEN folded
                 ELSE coalesce(nullif(regexp_replace(
                        regexp_replace(folded, '(股份有限公司|有限责任公司|有限公司|股份公司|公司)$', ''),
                        '集团$', ''), ''), folded)
               END
          FROM (SELECT regexp_replace(upper(translate(name, '（）【】［］　', '()[][] ')),
                                      '[[:space:]()\\[\\]]', '', 'g') AS folded) AS n
      $$`);
    await q.query(`CREATE INDEX org_unit_name_key_idx ON org_unit (heqi_unit_name_key(name))`);
    await q.query(
      `CREATE UNIQUE INDEX mediator_unit_phone_key ON mediator (org_unit_id, phone_hash)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mediator_unit_phone_key`);
    await q.query(`DROP INDEX org_unit_name_key_idx`);
    await q.query(`DROP FUNCTION heqi_unit_name_key(text)`);
  }
}
