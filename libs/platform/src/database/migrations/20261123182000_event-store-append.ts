import { Kysely, sql } from 'kysely';

/**
 * An append in one round trip. The function takes the stream's advisory lock before its first
 * write, so the writing transaction's id is assigned after the lock and a stream's
 * (transaction id, position) order follows its version order. Being VOLATILE, each statement
 * sees what concurrent appends committed before the lock was granted.
 *
 * p_expected: -1 any, -2 no stream, -3 stream exists, n >= 0 exactly version n.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function append_events(
      p_stream text, p_expected integer, p_ids uuid[], p_types text[],
      p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[])
    returns table (o_position bigint, o_stream_version integer, o_duplicate boolean)
    language plpgsql volatile as $$
    declare
      v_stored integer;
      v_actual integer;
    begin
      perform pg_advisory_xact_lock(1, hashtext(p_stream));

      select count(*) into v_stored from events where event_id = any(p_ids);
      if v_stored > 0 then
        if v_stored < cardinality(p_ids) or exists (
          select 1 from events where event_id = any(p_ids) and stream_id <> p_stream) then
          raise exception 'event ids already stored with other events' using errcode = 'AC002';
        end if;
        return query
          select e.position, e.stream_version, true
          from unnest(p_ids) with ordinality as u(id, ord)
          join events e on e.event_id = u.id
          order by u.ord;
        return;
      end if;

      select coalesce(max(stream_version), 0) into v_actual from events where stream_id = p_stream;
      if not (p_expected = -1
              or (p_expected = -2 and v_actual = 0)
              or (p_expected = -3 and v_actual > 0)
              or (p_expected >= 0 and p_expected = v_actual)) then
        raise exception 'wrong expected version' using errcode = 'AC003', detail = v_actual::text;
      end if;

      return query
        insert into events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        select p_stream, v_actual + u.ord::integer, u.id, u.type, u.schema_version, u.data, u.metadata
        from unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata)
          with ordinality as u(id, type, schema_version, data, metadata, ord)
        order by u.ord
        returning position, stream_version, false;
    end $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
