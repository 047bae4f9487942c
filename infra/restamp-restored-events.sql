-- After a pg_dump of Accord has been restored into a NEW PostgreSQL server (docs/OPERATIONS.md,
-- "Restoring into a new server"), before any Accord process starts:
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f infra/restamp-restored-events.sql
--
-- Projections read events in (transaction id, position) order and only from transactions below
-- the oldest one still running. A restored event keeps the transaction id the old server gave
-- it, which a new server has not reached yet: such events stay invisible to every projection,
-- and new events sort before them. Not needed after restoring into the server the dump came
-- from, nor after a physical restore (snapshot, point-in-time recovery), which keep the ids.
begin;

-- Every restored event takes this transaction's id: above every id the dump holds, below every
-- id the new server hands out from here on. The order becomes position order, which respects
-- every stream's version order and every cause before its effect.
alter table events disable trigger events_immutable;
update events set transaction_id = pg_current_xact_id();
alter table events enable trigger events_immutable;

-- The checkpoints name the old server's transaction ids, so every read model is rebuilt from
-- the events: forget each projection and drop its tables and views. Workers started afterwards
-- register each projection afresh and replay the whole store into it.
do $$
declare
  projection record;
  logical text;
begin
  for projection in select version, tables from projection_checkpoints loop
    foreach logical in array projection.tables loop
      execute format('drop view if exists %I', logical);
      execute format('drop table if exists %I', logical || '_v' || projection.version);
    end loop;
  end loop;
  delete from projection_checkpoints;
end $$;

commit;
