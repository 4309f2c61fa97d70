import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mediation network: org units as a tree with a materialised path, and mediators.
 *
 * Why a materialised path (`/<districtId>/<townId>/…/<self>/`) rather than ltree or a closure
 * table: every jurisdiction check is "is this unit under that one", which becomes one indexed
 * `path LIKE '<prefix>%'` (text_pattern_ops) with no extension to install (embedded Postgres
 * included); the tree is shallow (≤ 5 levels) so a move rewrites one bounded subtree in one
 * UPDATE; a closure table would need O(depth) rows per unit and triggers to keep them right.
 */
export class Network1763853000000 implements MigrationInterface {
  name = 'Network1763853000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_unit (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        level       text NOT NULL CHECK (level IN ('district', 'town', 'village', 'enterprise')),
        parent_id   uuid REFERENCES org_unit (id),
        path        text NOT NULL,
        depth       int NOT NULL CHECK (depth >= 1),
        code        text,
        credit_code text CHECK (credit_code IS NULL OR credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        address     text,
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'district') = (parent_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX org_unit_path_key ON org_unit (path text_pattern_ops)`);
    await q.query(`CREATE INDEX org_unit_parent_idx ON org_unit (parent_id)`);
    await q.query(
      `CREATE UNIQUE INDEX org_unit_credit_code_key ON org_unit (credit_code) WHERE credit_code IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX org_unit_code_key ON org_unit (code) WHERE code IS NOT NULL`,
    );
    // Two units of the same name under one parent would make imports and routing ambiguous.
    await q.query(
      `CREATE UNIQUE INDEX org_unit_sibling_name_key
         ON org_unit (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name)`,
    );

    await q.query(`
      CREATE TABLE mediator (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        phone_enc         text NOT NULL,
        phone_hash        text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('union_staff', 'village_mediator',
                                                        'enterprise_mediator', 'volunteer_lawyer')),
        org_unit_id       uuid NOT NULL REFERENCES org_unit (id),
        skills            text[] NOT NULL DEFAULT '{}',
        capacity          int NOT NULL CHECK (capacity BETWEEN 0 AND 1000),
        law_firm          text,
        active            boolean NOT NULL DEFAULT true,
        unavailable_until timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'volunteer_lawyer' OR law_firm IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX mediator_org_unit_idx ON mediator (org_unit_id)`);
    await q.query(`CREATE INDEX mediator_phone_hash_idx ON mediator (phone_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mediator`);
    await q.query(`DROP TABLE org_unit`);
  }
}
