import { useCallback, useEffect, useRef, useState } from 'react';
import { checkPhotoFile, type PhotoProblem } from './photo-file.ts';

/** A photo the reader chose, with a local address to preview it before it is sent. */
export interface ChosenPhoto {
  file: File;
  /** An object URL of `file`; released when the photo is removed, replaced or sent. */
  previewUrl: string;
}

/**
 * One photo chosen in a file input: checked (type, size) before it is kept, previewed from an
 * object URL, and released again so a long session on a workshop tablet does not hold every
 * photo ever chosen in memory.
 */
export function usePhotoChoice() {
  const [photo, setPhoto] = useState<ChosenPhoto | null>(null);
  const [problem, setProblem] = useState<PhotoProblem | null>(null);
  const current = useRef<ChosenPhoto | null>(null);

  const replace = useCallback((next: ChosenPhoto | null) => {
    if (current.current) URL.revokeObjectURL(current.current.previewUrl);
    current.current = next;
    setPhoto(next);
  }, []);

  /** Keeps `file` if it can be sent; otherwise keeps the earlier photo and reports why. */
  const choose = useCallback(
    (file: File) => {
      const checked = checkPhotoFile(file);
      if (!checked.ok) {
        setProblem(checked.problem);
        return;
      }
      setProblem(null);
      replace({ file, previewUrl: URL.createObjectURL(file) });
    },
    [replace],
  );

  const remove = useCallback(() => {
    setProblem(null);
    replace(null);
  }, [replace]);

  useEffect(
    () => () => {
      if (current.current) URL.revokeObjectURL(current.current.previewUrl);
    },
    [],
  );

  return { photo, problem, choose, remove };
}
