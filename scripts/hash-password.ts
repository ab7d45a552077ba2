// `npm run hash-password -- <password>` (or on stdin): prints a scrypt hash for truthflow.yaml auth.users.
import { readFileSync } from 'node:fs';
import { hashPassword } from '@/lib/auth/password';

const password = process.argv[2] ?? readFileSync(0, 'utf8').trim();
if (!password) {
  console.error('usage: npm run hash-password -- <password>   (or pipe it on stdin)');
  process.exit(2);
}
console.log(await hashPassword(password));
