/** How long the object URL of a saved file is kept, in milliseconds: long enough for the browser to start saving. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Offers `blob` to the browser's "save" under `filename`, through an object URL and a link with
 * `download` (the file was fetched with progress, so it cannot simply be linked to).
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the save in some browsers; the blob is freed a minute later.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
