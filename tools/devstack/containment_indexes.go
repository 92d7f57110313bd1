package main

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// FerretDB v1 on PostgreSQL stores each document as one jsonb column and pushes a top-level equality down
// as containment, `_jsonb -> 'field' @> '"value"'`; but the index it makes for a createIndex is a btree on
// `(_jsonb -> 'field')`, which containment cannot use (FerretDB issue #4646), so every pushed-down query —
// a point lookup by _id included — scans the whole table. This event trigger gives each field of such a btree
// index a GIN index on the same expression, which serves containment: a per-contact query then reads the
// contact's rows, not the collection. The existing indexes of a store made before get theirs at start.
const containmentIndexesSQL = `
CREATE OR REPLACE FUNCTION devstack_containment_twin(btree oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  definition text := pg_get_indexdef(btree);
  target regclass := (SELECT indrelid::regclass FROM pg_index WHERE indexrelid = btree);
  match text[];
BEGIN
  IF definition NOT LIKE '% USING btree (%_jsonb -> %' THEN RETURN; END IF;
  -- One GIN index per field, shared by every index naming it: the planner then reads the posting list of
  -- the most selective field (a contact's 200 rows, not the tenant's 100k) and filters the others.
  FOR match IN SELECT regexp_matches(definition, '_jsonb -> ''([^'']+)''::text', 'g') LOOP
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L))',
      'gin_' || md5(target::text || '.' || match[1]), target, match[1]);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION devstack_containment_twins() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM devstack_containment_twin(command.objid);
  END LOOP;
END $$;

DROP EVENT TRIGGER IF EXISTS devstack_containment_twins;
CREATE EVENT TRIGGER devstack_containment_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION devstack_containment_twins();

SELECT devstack_containment_twin(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am m ON m.oid = c.relam
  WHERE m.amname = 'btree' AND pg_get_indexdef(i.indexrelid) LIKE '%_jsonb -> %';
`

// installContainmentIndexes runs containmentIndexesSQL in the database FerretDB uses. Event triggers need
// a superuser: the devstack's own cluster has one; on a PostgreSQL given by URL it may not, and then the
// store works as before, only slower.
func installContainmentIndexes(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	connection, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer connection.Close(ctx)
	if _, err := connection.Exec(ctx, containmentIndexesSQL); err != nil {
		return fmt.Errorf("installing the containment indexes: %w", err)
	}
	return nil
}
