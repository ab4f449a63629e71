// Every migration, in order. `npm run migration:create -- Name` adds an empty one to this list.
import { Foundation1764000000000 } from './1764000000000-foundation';

export const migrations = [Foundation1764000000000];
