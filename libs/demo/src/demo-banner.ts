import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

/**
 * What the API prints at start while the demo's accounts exist: where to sign in, as whom, and
 * that the password is published, so nobody mistakes this database for a place for real data.
 */
export function demoBanner(publicUrl: string, loadedNow: boolean): string {
  const rule = '='.repeat(78);
  const accounts = Object.values(DEMO_ACCOUNTS).map(
    (account) => `    ${account.email.padEnd(36)} ${account.role}`,
  );
  return [
    rule,
    `  ACCORD DEMO ${loadedNow ? '(loaded now)' : '(already in this database)'}: made-up partnerships and figures`,
    '',
    `  WARNING: these accounts share a PUBLISHED password, so anyone who can reach this`,
    '  server can sign in with them. Never keep real data here. For a real installation,',
    '  start with an empty database and ACCORD_ADMIN_EMAIL and ACCORD_ADMIN_PASSWORD set.',
    '',
    `  Open ${publicUrl}/sign-in and sign in as, with the password ${DEMO_PASSWORD}:`,
    ...accounts,
    rule,
    '',
  ].join('\n');
}
