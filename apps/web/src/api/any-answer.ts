// The schema of an answer whose body nobody reads (a report, a deleted photo): any JSON. A
// module of its own, loaded on first use (`anyAnswer` in schemas.ts), because a dynamic
// `import('zod')` would keep all of zod in the bundle (a namespace cannot be tree-shaken).
import { z } from 'zod';

export const anyAnswerSchema = z.unknown();
