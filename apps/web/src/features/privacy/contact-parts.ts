/** A piece of a contact text: plain words, or something a person can tap to write or call. */
export type ContactPart =
  | { kind: 'text'; text: string }
  | { kind: 'email' | 'phone' | 'web'; text: string; href: string };

// An e-mail address, a web address, or a phone number (8 digits in Norway, optionally +47, spaces
// allowed between groups). Kept loose: a miss only means plain text instead of a link.
const CONTACT_PATTERN =
  /([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])|((?:\+\d{2}[\s-]?)?\d{2}(?:[\s-]?\d{2}){3}\b)/gu;

/**
 * Splits a project's free-text privacy contact (`"Larvik kommune, personvernombud@larvik.kommune.no,
 * tlf. 33 17 10 00"`) into text and links (mailto:, tel:, https:), so the privacy page can offer
 * them as links without trusting the text as HTML.
 */
export function contactParts(contact: string): ContactPart[] {
  const parts: ContactPart[] = [];
  let last = 0;
  for (const match of contact.matchAll(CONTACT_PATTERN)) {
    const [text, email, web] = match;
    const start = match.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: contact.slice(last, start) });
    if (email) parts.push({ kind: 'email', text, href: `mailto:${email}` });
    else if (web) parts.push({ kind: 'web', text, href: web });
    else parts.push({ kind: 'phone', text, href: `tel:${text.replace(/[\s-]/g, '')}` });
    last = start + text.length;
  }
  if (last < contact.length) parts.push({ kind: 'text', text: contact.slice(last) });
  return parts;
}

/**
 * The host names a project's background map is loaded from (`cache.kartverket.no`): the
 * privacy notice names them, as they see the reader's IP address like any web server.
 */
export function basemapHosts(urls: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const url of urls) {
    try {
      hosts.add(new URL(url.replace(/[{}]/g, '')).host);
    } catch {
      // a relative or malformed URL: served by this site, or not loaded at all
    }
  }
  return [...hosts];
}
