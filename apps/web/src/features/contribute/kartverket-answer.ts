// The part of Kartverket's `adresser/v1/sok` answer the address search reads. A module of its own,
// loaded with the first search (geocoder.ts), so that zod is not in the resident map's first
// download; a dynamic `import('zod')` would instead keep all of zod in the bundle.
import { z } from 'zod';

export const kartverketAnswerSchema = z.object({
  adresser: z.array(
    z.object({
      adressetekst: z.string(),
      postnummer: z.string().nullish(),
      poststed: z.string().nullish(),
      representasjonspunkt: z.object({ lat: z.number(), lon: z.number() }),
    }),
  ),
});
