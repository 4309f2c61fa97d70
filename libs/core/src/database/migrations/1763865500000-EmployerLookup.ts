import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The name rule of migration NetworkExtras, unchanged, as the statement that defines it. */
const FOLD = `regexp_replace(upper(translate(name, '（）【】［］　', '()[][] ')),
                                '[[:space:]()\\[\\]]', '', 'g')`;
const STRIP = `coalesce(nullif(regexp_replace(
           regexp_replace(folded, '(股份有限公司|有限责任公司|有限公司|股份公司|公司)$', ''),
           '集团$', ''), ''), folded)`;

/**
 * Intake's employer lookup (bench/assignment, 2026-11-23), run for every push:
 *
 * - `heqi_unit_name_key` becomes PL/pgSQL with the same rule. As a SQL function with a FROM it
 *   could not be inlined, and every call started an executor of its own: 12 µs a call against
 *   6 µs now, and a lookup calls it a few times per name (the input names, the index probe).
 * - `org_unit (name)`: an exact-name match scanned every unit (0.25 ms at 1,000 units, growing
 *   with the network); the sibling-name index cannot serve it (the parent is its first column).
 *
 * The two indexes on the rule are rebuilt: the values are the same, and rebuilding makes sure.
 */
export class EmployerLookup1763865500000 implements MigrationInterface {
  name = 'EmployerLookup1763865500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_unit_name_key(name text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        folded text := ${FOLD};
      BEGIN
        IF folded ~ '分公司$' THEN
          RETURN folded;
        END IF;
        RETURN ${STRIP};
      END
      $$`);
    await q.query(`REINDEX INDEX org_unit_name_key_idx`);
    await q.query(`REINDEX INDEX law_firm_engagement_firm_idx`);
    await q.query(`CREATE INDEX org_unit_name_idx ON org_unit (name)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX org_unit_name_idx`);
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_unit_name_key(name text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN folded ~ '分公司$' THEN folded ELSE ${STRIP} END
          FROM (SELECT ${FOLD} AS folded) AS n
      $$`);
    await q.query(`REINDEX INDEX org_unit_name_key_idx`);
    await q.query(`REINDEX INDEX law_firm_engagement_firm_idx`);
  }
}
