// Every migration, in order. `npm run migration:generate` writes a new file here; add its class to this list.
import { Foundation1764000000000 } from './1764000000000-foundation';

export const migrations = [Foundation1764000000000];
