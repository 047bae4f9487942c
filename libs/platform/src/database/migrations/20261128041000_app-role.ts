import { Kysely, sql } from 'kysely';

/** The role the API and the worker act as; see `appRoleOf` in database.ts. */
export const APP_ROLE = 'accord_app';

/**
 * The processes run under a role that may read and append events but never UPDATE, DELETE,
 * TRUNCATE or ALTER them, nor drop what it does not own: even a bug or an injected statement in
 * the application cannot rewrite the ledger. The triggers still refuse changes for everyone;
 * this takes the permission away as well.
 *
 * Created when the connecting role may create roles (a superuser or CREATEROLE, as on a
 * developer's machine or in CI); on a managed database that forbids it, the migration leaves
 * roles to the operator and the application runs as the role it connects with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare
      v_can_create boolean;
    begin
      select rolsuper or rolcreaterole into v_can_create from pg_roles where rolname = current_user;
      if not exists (select 1 from pg_roles where rolname = 'accord_app') and v_can_create then
        begin
          create role accord_app nologin;
        exception when duplicate_object or unique_violation then
          null; -- another database of this cluster created it at the same moment
        end;
      end if;
      if exists (select 1 from pg_roles where rolname = 'accord_app')
         and not pg_has_role(current_user, 'accord_app', 'MEMBER') then
        begin
          execute format('grant accord_app to %I', current_user);
        exception when others then
          null; -- not ours to grant: the application then runs as its own role
        end;
      end if;
    end $$`.execute(db);

  await sql`
    do $$
    declare
      v_row record;
      v_table text;
    begin
      if not exists (select 1 from pg_roles where rolname = 'accord_app')
         or not pg_has_role(current_user, 'accord_app', 'MEMBER') then
        return;
      end if;
      grant usage, create on schema public to accord_app;
      grant select, insert, update, delete on all tables in schema public to accord_app;
      revoke update, delete, truncate on events from accord_app;
      grant usage, select on all sequences in schema public to accord_app;
      alter default privileges in schema public
        grant select, insert, update, delete on tables to accord_app;
      alter default privileges in schema public grant usage, select on sequences to accord_app;
      -- Read models are the application's own: it rebuilds, switches and drops them.
      for v_row in select version, tables, status from projection_checkpoints
                   where status <> 'retired' loop
        foreach v_table in array v_row.tables loop
          if to_regclass(format('%I', v_table || '_v' || v_row.version)) is not null then
            execute format('alter table %I owner to accord_app', v_table || '_v' || v_row.version);
          end if;
          if v_row.status = 'live' and to_regclass(format('%I', v_table)) is not null then
            execute format('alter view %I owner to accord_app', v_table);
          end if;
        end loop;
      end loop;
    end $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only');
}
