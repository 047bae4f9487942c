import { Client } from 'pg';
import { prepareDatabase } from '../../libs/platform/src/database/database';

/**
 * Scratch databases on a PostgreSQL server, for a script that makes its own and drops it after:
 * the benches and the screenshots.
 */
export function scratchDatabases(server: string) {
  const admin = async (text: string) => {
    const client = new Client({ connectionString: `${server}/postgres` });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const drop = (name: string) => admin(`drop database if exists ${name} with (force)`);
  return {
    drop,
    /** The database `name`, made afresh with every migration run: its URL. */
    async fresh(name: string): Promise<string> {
      await drop(name);
      await prepareDatabase(`${server}/${name}`);
      return `${server}/${name}`;
    },
  };
}
