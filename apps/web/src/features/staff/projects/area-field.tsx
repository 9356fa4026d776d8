import type { Basemap, BBox } from '@nabolag/schema';
import { type ChangeEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLat } from '../../../lib/lng-lat.ts';
import type { AreaEditor } from '../../../map/area-editor.ts';
import { mapLocale } from '../../../map/map-options.ts';
import { FieldErrorText, fieldDomId } from '../common/fields.tsx';
import { type AreaUploadResult, MAX_AREA_FILE_BYTES, parseAreaFile } from './area-upload.ts';
import { type AreaValue, areaValueOf } from './project-form.ts';
import type { FieldError } from './project-validation.ts';

interface AreaFieldProps {
  value: AreaValue;
  onChange: (next: AreaValue) => void;
  /** The basemap to draw on (the project's choice). */
  basemap: Basemap;
  /** Where the map looks before anything is drawn. */
  initialBounds: BBox;
  error: FieldError | undefined;
}

type UploadOutcome = Extract<AreaUploadResult, { ok: false }> | null;

/**
 * The project area: drawn on a map corner by corner (with undo and clear), or uploaded as a
 * GeoJSON file — the way for those who cannot use the map, and for boundaries made in a GIS.
 */
export function AreaField({ value, onChange, basemap, initialBounds, error }: AreaFieldProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<AreaEditor | null>(null);
  const [ready, setReady] = useState(false);
  const [mapFailed, setMapFailed] = useState(false);
  const [history, setHistory] = useState<AreaValue[]>([]);
  const [upload, setUpload] = useState<UploadOutcome>(null);
  const [announcement, setAnnouncement] = useState('');
  const fileInputId = useId();
  const fitPending = useRef(false);
  const id = fieldDomId('area');

  // Map events call the newest handlers through this ref (the editor is made once).
  const latest = useRef({ value, change: (_next: AreaValue) => {}, undo: () => {} });

  const change = (next: AreaValue) => {
    const previous = latest.current.value;
    // Read by the next map event even if it comes before React renders again.
    latest.current.value = next;
    setHistory((list) => [...list, previous]);
    setUpload(null);
    onChange(next);
  };
  const undo = () => {
    const previous = history.at(-1);
    if (!previous) return;
    setHistory(history.slice(0, -1));
    latest.current.value = previous;
    onChange(previous);
    setAnnouncement(t('staff.area.undone'));
  };
  useLayoutEffect(() => {
    latest.current = { value, change, undo };
  });

  const vertices: LngLat[] = value.kind === 'outline' ? value.vertices : [];
  const withVertices = (update: (current: LngLat[]) => LngLat[]) => {
    const current = latest.current.value;
    const base = current.kind === 'outline' ? current.vertices : [];
    latest.current.change({ kind: 'outline', vertices: update([...base]) });
  };

  // The editor is made once; later changes reach it through the effects below.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let editor: AreaEditor | null = null;
    let cancelled = false;
    import('../../../map/area-editor.ts').then(
      ({ createAreaEditor }) => {
        if (cancelled) return;
        const current = latest.current.value;
        editor = createAreaEditor({
          container,
          basemap,
          vertices: current.kind === 'outline' ? current.vertices : [],
          fixedArea: current.kind === 'geometry' ? current.geometry : null,
          initialBounds,
          locale: mapLocale(t, t('staff.area.mapName')),
          onAdd: (position) => {
            withVertices((list) => [...list, position]);
            setAnnouncement(t('staff.area.added'));
          },
          onMove: (index, position) => {
            withVertices((list) => list.map((vertex, at) => (at === index ? position : vertex)));
            setAnnouncement(t('staff.area.moved'));
          },
          onInsert: (index, position) => {
            withVertices((list) => [...list.slice(0, index), position, ...list.slice(index)]);
            setAnnouncement(t('staff.area.added'));
          },
          onRemove: (index) => {
            withVertices((list) => list.filter((_, at) => at !== index));
            setAnnouncement(t('staff.area.removed'));
          },
          onUndo: () => latest.current.undo(),
        });
        editorRef.current = editor;
        void editor.loaded.then(() => {
          if (!cancelled) setReady(true);
        });
      },
      (failure: unknown) => {
        console.error(failure);
        if (!cancelled) setMapFailed(true);
      },
    );
    return () => {
      cancelled = true;
      editor?.destroy();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    editor?.setArea(
      value.kind === 'outline' ? value.vertices : [],
      value.kind === 'geometry' ? value.geometry : null,
    );
    if (editor && fitPending.current) {
      fitPending.current = false;
      editor.fitToArea();
    }
  }, [value]);

  useEffect(() => {
    editorRef.current?.setBasemap(basemap);
  }, [basemap]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    input.value = ''; // the same file may be chosen again after fixing it
    if (!file) return;
    const result: AreaUploadResult =
      file.size > MAX_AREA_FILE_BYTES ? { ok: false, problem: 'tooLarge' } : parseAreaFile(await file.text());
    if (!result.ok) {
      setUpload(result);
      return;
    }
    const asOutline = areaValueOf(result.area);
    const next: AreaValue =
      asOutline.kind === 'outline'
        ? asOutline
        : { kind: 'geometry', geometry: result.area, fileName: file.name };
    change(next);
    setAnnouncement(t('staff.area.uploaded', { name: file.name }));
    // Show the new area, wherever the map was looking (once the editor has it; see below).
    fitPending.current = true;
  };

  const summary =
    value.kind === 'geometry'
      ? t('staff.area.fixed', {
          name: value.fileName ?? t('staff.area.storedName'),
          count: value.geometry.type === 'MultiPolygon' ? value.geometry.coordinates.length : 1,
        })
      : vertices.length >= 3
        ? t('staff.area.corners', { count: vertices.length })
        : t('staff.area.tooFew', { count: vertices.length });

  return (
    <div className={error ? 'area-field has-error' : 'area-field'}>
      <p id={`${id}-hint`} className="field__hint">
        {t('staff.area.instructions')}
      </p>
      <div className="area-field__map-frame">
        <div
          ref={containerRef}
          className="area-field__map"
          data-testid="area-editor"
          data-ready={ready ? 'true' : 'false'}
          data-vertices={vertices.length}
        />
        {mapFailed && <p className="area-field__map-failed">{t('staff.area.mapFailed')}</p>}
      </div>
      <div className="button-row area-field__tools">
        {/* The first control of the area: where a link to the area's problem leads. */}
        <button
          type="button"
          id={id}
          className="button button--small"
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          onClick={() => {
            const centre = editorRef.current?.centre();
            if (!centre) return;
            withVertices((list) => [...list, centre]);
            setAnnouncement(t('staff.area.added'));
          }}
          disabled={!ready}
        >
          {t('staff.area.addAtCross')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={undo}
          disabled={history.length === 0}
          data-testid="area-undo"
        >
          {t('staff.area.undo')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            change({ kind: 'outline', vertices: [] });
            setAnnouncement(t('staff.area.cleared'));
          }}
          disabled={value.kind === 'outline' && vertices.length === 0}
          data-testid="area-clear"
        >
          {t('staff.area.clear')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => editorRef.current?.fitToArea()}
          disabled={!ready}
        >
          {t('staff.area.showAll')}
        </button>
      </div>
      <p className="area-field__summary" data-testid="area-summary">
        {summary}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <FieldErrorText id={`${id}-error`} error={error} />

      <div className="field area-field__upload">
        <label htmlFor={fileInputId}>{t('staff.area.upload')}</label>
        <p id={`${fileInputId}-hint`} className="field__hint">
          {t('staff.area.uploadHint')}
        </p>
        <input
          id={fileInputId}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={(event) => void onFile(event)}
          aria-describedby={`${fileInputId}-hint${upload ? ` ${fileInputId}-error` : ''}`}
          data-testid="area-upload"
        />
        {upload && (
          <p id={`${fileInputId}-error`} className="field__error" role="alert">
            {t(`staff.area.problems.${upload.problem}`, {
              count: Number(upload.details?.count ?? 0),
              type: String(upload.details?.type ?? ''),
            })}
            {upload.details?.reason && (
              <>
                {' '}
                <span lang="en" className="field__detail">
                  ({String(upload.details.reason)})
                </span>
              </>
            )}
          </p>
        )}
      </div>
    </div>
  );
}
