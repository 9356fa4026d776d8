import type { PublicContributionFeature } from '@nabolag/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import { outbox } from '../../../offline/outbox.ts';
import { useOutbox } from '../../../offline/use-outbox.ts';
import { checkPhotoFile, type PhotoProblem } from './photo-file.ts';
import type { ChosenPhoto } from './use-photo-choice.ts';

/** The photo of one sent contribution, on its way to the server (or stuck). */
export type PhotoUpload =
  | { contributionId: string; state: 'uploading'; photo: ChosenPhoto }
  /** `code`: the error code the server (or the network) gave, for the sentence shown. */
  | { contributionId: string; state: 'failed'; photo: ChosenPhoto; error: { code: string } }
  | { contributionId: string; state: 'done' };

/** Where the server serves a contribution's photo once it has it. */
export const photoUrlOf = (contributionId: string) =>
  `/api/contributions/${encodeURIComponent(contributionId)}/photo`;

/** `features` with the photo of contribution `id` set to `url`, so its popup shows it. */
export function withPhoto(
  features: readonly PublicContributionFeature[],
  id: string,
  url: string,
): PublicContributionFeature[] {
  return features.map((feature) =>
    feature.id === id ? { ...feature, properties: { ...feature.properties, photo: url } } : feature,
  );
}

/**
 * The photo of the contribute form. It belongs to one draft (by the draft's id) and goes to the
 * outbox with it (`send(participant, photo)`), which uploads it once the server has the
 * contribution and keeps it, across reloads and lost connections, until it is uploaded or the
 * reader lets it go. This hook shows how the photos sent from this page are getting on, and
 * puts a stored photo on its place (`onStored`) so the popup shows it.
 */
export function useContributionPhoto(
  projectSlug: string,
  onStored: (contributionId: string, url: string) => void,
) {
  const [draftPhoto, setDraftPhoto] = useState<{ draftId: string; photo: ChosenPhoto } | null>(null);
  const [problem, setProblem] = useState<{ draftId: string; problem: PhotoProblem } | null>(null);
  /** Photos handed to the outbox from this page, by contribution id, oldest first. */
  const [sent, setSent] = useState<{ contributionId: string; photo: ChosenPhoto }[]>([]);
  const [stored, setStored] = useState<ReadonlySet<string>>(() => new Set());
  const snapshot = useOutbox();
  // Read by callbacks that must not change identity with every choice.
  const draftRef = useRef(draftPhoto);
  draftRef.current = draftPhoto;
  const onStoredRef = useRef(onStored);
  onStoredRef.current = onStored;
  const storedRef = useRef(stored);
  storedRef.current = stored;
  /** Every preview URL not yet released, to release them all when the page goes. */
  const liveUrls = useRef(new Set<string>());

  const release = useCallback((photo: ChosenPhoto) => {
    URL.revokeObjectURL(photo.previewUrl);
    liveUrls.current.delete(photo.previewUrl);
  }, []);

  useEffect(
    () => () => {
      for (const url of liveUrls.current) URL.revokeObjectURL(url);
      liveUrls.current.clear();
    },
    [],
  );

  // The outbox says when a photo is on the server.
  useEffect(
    () =>
      outbox().onEvent((event) => {
        if (event.type !== 'photo-sent' || event.projectSlug !== projectSlug) return;
        setStored((previous) => new Set(previous).add(event.id));
        onStoredRef.current(event.id, photoUrlOf(event.id));
      }),
    [projectSlug],
  );

  const choose = useCallback(
    (draftId: string, file: File) => {
      const checked = checkPhotoFile(file);
      if (!checked.ok) {
        setProblem({ draftId, problem: checked.problem });
        return;
      }
      setProblem(null);
      const previous = draftRef.current;
      if (previous) release(previous.photo);
      const previewUrl = URL.createObjectURL(file);
      liveUrls.current.add(previewUrl);
      setDraftPhoto({ draftId, photo: { file, previewUrl } });
    },
    [release],
  );

  /** Removes the draft's photo (also what Cancel does to the draft). */
  const remove = useCallback(() => {
    const previous = draftRef.current;
    if (previous) release(previous.photo);
    setDraftPhoto(null);
    setProblem(null);
  }, [release]);

  /**
   * After Send: if the outbox took the draft with its photo, the photo is now the outbox's to
   * upload, and followed here; if it did not (the draft is kept), it stays with the draft.
   */
  const handedOver = useCallback((draftId: string) => {
    const chosen = draftRef.current;
    if (!chosen || chosen.draftId !== draftId) return;
    const queued = outbox()
      .getSnapshot()
      .items.some((item) => item.id === draftId && item.photo !== null);
    if (!queued) return;
    setDraftPhoto(null);
    // Outcomes of earlier photos have been seen; keep those still on their way or stuck.
    setSent((list) => [
      ...list.filter(
        (entry) => entry.contributionId !== draftId && !storedRef.current.has(entry.contributionId),
      ),
      { contributionId: draftId, photo: chosen.photo },
    ]);
  }, []);

  /** Puts a photo the server refused back in line. */
  const retry = useCallback((contributionId: string) => void outbox().retry(contributionId), []);

  /** Gives up a photo that is not uploaded; the place stays as it was sent. */
  const discard = useCallback(
    (contributionId: string) => {
      void outbox().take(contributionId);
      setSent((list) => {
        const entry = list.find((candidate) => candidate.contributionId === contributionId);
        if (entry) release(entry.photo);
        return list.filter((candidate) => candidate.contributionId !== contributionId);
      });
    },
    [release],
  );

  // What each photo sent from this page is doing now, from the outbox's own state.
  const uploads: PhotoUpload[] = [];
  for (const { contributionId, photo } of sent) {
    if (stored.has(contributionId)) {
      uploads.push({ contributionId, state: 'done' });
      continue;
    }
    const item = snapshot.items.find((candidate) => candidate.id === contributionId);
    // Not in the outbox any more without having been stored: discarded from the outbox's list.
    if (!item) continue;
    // Still waiting for its place: the outbox's list says how the place is getting on.
    if (item.stage !== 'photo') continue;
    uploads.push(
      item.state === 'failed'
        ? {
            contributionId,
            state: 'failed',
            photo,
            error: { code: item.lastError?.code ?? 'UNEXPECTED_RESPONSE' },
          }
        : { contributionId, state: 'uploading', photo },
    );
  }

  // Release the previews of photos that are stored (the server's copy shows from now on).
  useEffect(() => {
    for (const entry of sent) if (stored.has(entry.contributionId)) release(entry.photo);
  }, [sent, stored, release]);

  /** The photo and problem of the draft with this id (a photo chosen for an earlier draft is not shown). */
  const forDraft = (draftId: string) => ({
    photo: draftPhoto?.draftId === draftId ? draftPhoto.photo : null,
    problem: problem?.draftId === draftId ? problem.problem : null,
  });

  return { forDraft, choose, remove, handedOver, uploads, retry, discard };
}
