import type { Queryable } from '../../db/queryable.ts';
import { hashPassword } from './passwords.ts';

/**
 * Creates the admin named in the environment, or resets its password and makes sure it holds
 * the admin role (so an operator who lost the password can set a new one and restart).
 */
export async function upsertAdmin(db: Queryable, email: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.query(
    `INSERT INTO users (email, password_hash, roles) VALUES ($1, $2, '{admin}')
     ON CONFLICT (lower(email)) DO UPDATE SET
       password_hash = EXCLUDED.password_hash,
       roles = (SELECT array_agg(DISTINCT r) FROM unnest(users.roles || '{admin}'::text[]) AS r),
       updated_at = now()`,
    [email, passwordHash],
  );
}
