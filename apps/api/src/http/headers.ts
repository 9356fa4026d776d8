import { z } from 'zod';

/** Routes that take a participant's or staff member's token declare the header with this schema. */
export const authorizationHeaders = z.object({ authorization: z.string().optional() });
