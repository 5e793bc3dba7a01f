// Worker entry in plain JavaScript: it registers tsx (resolved from this file, whatever the working
// directory) so that the TypeScript worker and its imports load the same way under tsx, vitest and node.
// The computer starts it without the parent's own tsx flags, so tsx is registered exactly once.
import { register } from 'tsx/esm/api';

register();
await import('./version-worker.ts');
