import type { ReactNode } from 'react';

/**
 * A link to another site (Datatilsynet, uutilsynet) for `<Trans components>`, which fills in
 * the link text from the translation.
 */
export function ExternalLink({ href, children }: { href: string; children?: ReactNode }) {
  return (
    <a href={href} rel="noopener noreferrer">
      {children}
    </a>
  );
}
